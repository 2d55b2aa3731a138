import type {NodeFailure} from '../inventory/types.ts';

/** What the user decides between two batches of a node-by-node rollout. */
export type BatchDecision = 'continue' | 'continue-all' | 'pause' | 'abort';

/** What the user decides when a node failed. */
export type FailureDecision = 'retry' | 'skip' | 'stop';

/**
 * Questions the engine asks during a rollout. The interactive UI answers them
 * from keys; without a terminal the engine runs with `unattended`, which
 * never waits for input.
 */
export type RolloutControls = {
	readonly beforeBatch: (index: number, nodes: readonly string[]) => Promise<BatchDecision>;
	readonly onFailure: (node: string, failure: NodeFailure) => Promise<FailureDecision>;
};

export const unattended: RolloutControls = {
	beforeBatch: async () => 'continue',
	onFailure: async () => 'stop',
};
