import type {NodeReport} from './node-report.ts';

export type Runtime = 'containerd' | 'docker' | 'cri-o';

/**
 * Where a node stands. `configured`: its injector pod carries the current
 * settings and is Ready; `stale`: it carries other settings; `held`: the
 * rollout has not released it yet; `failed`: the injector's init container
 * failed; `unconfigured`: nothing of ours runs there; `skipped`: we never
 * touch it (see `reason`).
 */
export type ProxyState = 'configured' | 'stale' | 'held' | 'pending' | 'failed' | 'unconfigured' | 'skipped';

export type NodeInfo = {
	readonly name: string;
	readonly ready: boolean;
	readonly os: string;
	readonly arch: string;
	readonly labels: Readonly<Record<string, string>>;
	/** Undefined when the runtime is not one we know how to configure. */
	readonly runtime?: Runtime;
	/** As reported, e.g. `containerd://1.7.24`. */
	readonly runtimeVersion: string;
	readonly internalIps: readonly string[];
	readonly podCidrs: readonly string[];
	/** Pods a restart of the runtime disrupts: all on docker, starting ones otherwise. */
	readonly podsDisrupted: number;
	readonly podsTotal: number;
	readonly state: ProxyState;
	/** Why the node is skipped or failed; empty otherwise. */
	readonly reason: string;
	/** What the node said its last run of ours did. */
	readonly report?: NodeReport;
	/** The images our pods run that the node does not list (so probably has to pull); absent when not asked. */
	readonly missingImages?: readonly string[];
};

/** What a rollout does to each node, in the order a node goes through it. */
export type NodePhase =
	| 'held' // waiting for its batch
	| 'draining' // --drain: cordoned, its pods being evicted before the release
	| 'released' // hold lifted / stale pod deleted; waiting for the pod
	| 'pulling' // pod scheduled, init container image being pulled
	| 'running' // init container running the host script
	| 'verifying' // --verify-image: the node's runtime is pulling that image
	| 'done' // init container completed, pod Ready (and, with --verify-image, the image pulled)
	| 'failed' // init container failed or timed out
	| 'skipped'; // not a target, or cannot be configured (see reason)

/** Why a node failed in a rollout, as its pod and init container tell. */
export type NodeFailure = {
	readonly exitCode?: number;
	readonly reason: string;
	/** Last lines of the init container's log. */
	readonly logTail: readonly string[];
};
