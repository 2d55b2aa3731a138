import type {KubeClient} from '../cluster/kube-client.ts';
import type {NodeInfo} from '../inventory/types.ts';
import type {ClusterSnapshot, RolloutPlan} from '../plan/types.ts';
import type {RolloutControls} from './controls.ts';
import type {EngineEvent} from './events.ts';
import {labelKeys} from '../manifests/names.ts';
import {drainNode, uncordonNode} from './drain-node.ts';
import {nodeHolds} from './node-holds.ts';
import {verifyPull} from './verify-pull.ts';
import {trackPods} from './pod-tracker.ts';
import {componentSelector, type Component} from './read-inventory.ts';
import {type BatchResult, runBatches} from './run-batches.ts';

export type RunContext = {
	readonly client: KubeClient;
	readonly namespace: string;
	readonly controls: RolloutControls;
	readonly signal: AbortSignal;
	readonly emit: (event: EngineEvent) => void;
	/** Shown to the user to resume what is left. */
	readonly resumeCommand: string;
};

/** Nodes that must carry the hold label before the DaemonSet is written, so that it starts nowhere early, by the reason to put in the label. */
export function nodesToHold(plan: RolloutPlan, nodes: readonly NodeInfo[], holdLabel: string): {queued: string[]; notPicked: string[]} {
	const targets = new Set(plan.batches.flat());
	const free = nodes.filter(node => node.state !== 'skipped' && node.labels[holdLabel] === undefined);
	return {
		queued: free.filter(node => targets.has(node.name) && plan.mode === 'node-by-node' && (node.state === 'unconfigured' || node.state === 'failed')).map(node => node.name),
		// Nodes the user did not pick keep their state: no new pod lands there.
		notPicked: free.filter(node => !targets.has(node.name) && node.state === 'unconfigured' && !plan.upToDate.includes(node.name)).map(node => node.name),
	};
}

/** The nodes that carried `key` when the plan was made. */
export function nodesLabelled(cluster: ClusterSnapshot, key: string): string[] {
	return cluster.nodes.filter(node => node.labels[key] !== undefined).map(node => node.name);
}

export type ComponentRollout = {
	readonly component: Component;
	/** The init container whose log explains a failure. */
	readonly container: string;
	readonly holdLabel: string;
	/** Nodes carrying `holdLabel`; kept up to date as holds are lifted and set again. */
	readonly held: Set<string>;
	/** The settings hash the component's pods must carry; undefined: any of its pods counts. */
	readonly hash?: string;
	/** What releasing a node takes besides lifting its hold (`lifted`: it had one). */
	readonly afterLift?: (node: string, lifted: boolean) => Promise<void>;
};

/** Releases the plan's batches of one DaemonSet's pods, watching them, with holds lifted and set again as the rollout goes. */
export async function rollOut(plan: RolloutPlan, context: RunContext, rollout: ComponentRollout): Promise<BatchResult> {
	const {client, namespace, signal} = context;
	const tracker = trackPods(client, namespace, componentSelector(rollout.component), rollout.hash, signal);
	const hold = nodeHolds(client, namespace, rollout.holdLabel, rollout.held, tracker);
	return runBatches(plan, {
		client,
		namespace,
		container: rollout.container,
		tracker,
		controls: context.controls,
		signal,
		emit: context.emit,
		async release(node) {
			const lifted = await hold.lift(node);
			await rollout.afterLift?.(node, lifted);
		},
		retry: hold.retry,
		holdAgain: hold.holdAgain,
		drain: async node => drainNode(client, node, plan.drainTimeoutMs ?? 0, signal),
		verify: async node => verifyPull(client, namespace, node, plan.verifyImage ?? '', plan.timeoutMs, signal),
		uncordon: async node => uncordonNode(client, node),
		leftoverCordons: nodesLabelled(plan.cluster, labelKeys.cordoned),
	}).finally(() => tracker.close());
}
