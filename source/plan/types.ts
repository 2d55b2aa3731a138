import type {NodeInfo, Runtime} from '../inventory/types.ts';
import type {ImagesMissing} from './missing-images.ts';

export type Operation = 'apply' | 'remove';

export type RolloutMode = 'node-by-node' | 'all';

export type RolloutOptions = {
	readonly mode: RolloutMode;
	/** Nodes released at once in node-by-node mode. */
	readonly parallel: number;
	/** Per node: how long its pod may take before the node counts as failed. */
	readonly timeoutMs: number;
	/** --drain: cordon and evict each node first; how long the eviction of its pods may take. Absent: no drain. */
	readonly drainTimeoutMs?: number;
	/** --verify-image: the image each configured node must pull before it counts as done. Absent: no check. */
	readonly verifyImage?: string;
};

/** Which nodes the user targets; both empty means every node. */
export type Selection = {
	readonly nodes: readonly string[];
	/** A label selector as kubectl's `-l` takes it. */
	readonly selector?: string;
};

export type Disruption = {
	readonly node: string;
	readonly runtime: Runtime;
	/** Pods a restart of this node's runtime disrupts. */
	readonly pods: number;
};

/** What the cluster looked like when the plan was made: all a run needs besides the plan itself. */
export type ClusterSnapshot = {
	/** Every node, sorted by name, with its labels and state. */
	readonly nodes: readonly NodeInfo[];
	/** Our pod on each node that has one, by node name. */
	readonly pods: Readonly<Record<string, string>>;
	/** The settings hash of the installed DaemonSet, if one is installed. */
	readonly installedHash?: string;
};

/**
 * Everything the user confirms before a change: pure data, computed from
 * the inventory. The engine runs it as given, whoever made it.
 */
export type RolloutPlan = {
	readonly operation: Operation;
	readonly mode: RolloutMode;
	readonly parallel: number;
	readonly timeoutMs: number;
	/** --drain: each node is cordoned and drained before its release (at most this long), and uncordoned after. */
	readonly drainTimeoutMs?: number;
	/** --verify-image: a node is done only once its runtime has pulled this image (imagePullPolicy Always). */
	readonly verifyImage?: string;
	/** Node names per batch, in release order. */
	readonly batches: readonly (readonly string[])[];
	/** Targets already in the wanted state. */
	readonly upToDate: readonly string[];
	readonly skipped: readonly {readonly node: string; readonly reason: string}[];
	/** Runtime restarts this plan causes, node by node. */
	readonly disruptions: readonly Disruption[];
	/** Nodes of the batches that do not list the images our pods run: they must pull them before they have a proxy. */
	readonly imagesMissing?: readonly ImagesMissing[];
	readonly cluster: ClusterSnapshot;
};
