import type {EngineEvent} from '../engine/events.ts';
import type {NodeReport} from '../inventory/node-report.ts';
import type {NodeFailure, NodePhase} from '../inventory/types.ts';
import type {Operation, RolloutMode} from '../plan/types.ts';

export type NodeProgress = {
	readonly name: string;
	readonly phase: NodePhase;
	/** When the current phase began. */
	readonly phaseSince: number;
	/** When the current attempt left `held`; absent while a node waits or is skipped. */
	readonly startedAt?: number;
	/** When the node last reached `done` or `failed`. */
	readonly finishedAt?: number;
	/** How many times the node was released (retries count again). */
	readonly attempts: number;
	readonly batch?: number;
	readonly failure?: NodeFailure;
	/** Why the node is skipped. */
	readonly reason?: string;
	/** What the node says its run did. */
	readonly report?: NodeReport;
};

/** `pending`: released and not finished yet (released, pulling or running). */
export type ProgressCounts = {
	readonly total: number;
	readonly done: number;
	readonly failed: number;
	readonly skipped: number;
	readonly held: number;
	readonly pending: number;
};

/** Things worth printing once, in the order they happened. */
export type LogEntry =
	| {
			readonly type: 'node';
			readonly at: number;
			readonly node: string;
			readonly phase: 'done' | 'failed' | 'skipped';
			readonly attempt: number;
			readonly durationMs?: number;
			readonly failure?: NodeFailure;
			readonly report?: NodeReport;
	  }
	| {readonly type: 'object'; readonly at: number; readonly kind: string; readonly name: string; readonly action: string};

export type RolloutResult = Omit<Extract<EngineEvent, {type: 'finished'}>, 'type' | 'at'>;

export type ProgressState = {
	readonly operation?: Operation;
	readonly mode?: RolloutMode;
	readonly parallel?: number;
	/** Node names in release order, skipped nodes last. */
	readonly order: readonly string[];
	readonly nodes: ReadonlyMap<string, NodeProgress>;
	readonly batchCount: number;
	readonly batch?: {readonly index: number; readonly nodes: readonly string[]; readonly finished: boolean};
	readonly counts: ProgressCounts;
	/** Targets already in the wanted state: not part of the rollout. */
	readonly upToDate: readonly string[];
	readonly log: readonly LogEntry[];
	/** Durations of completed attempts, release to done: what the ETA learns from. */
	readonly durations: readonly number[];
	readonly startedAt?: number;
	readonly finishedAt?: number;
	readonly result?: RolloutResult;
};

export const noCounts: ProgressCounts = {total: 0, done: 0, failed: 0, skipped: 0, held: 0, pending: 0};

export const emptyProgress: ProgressState = {
	order: [],
	nodes: new Map(),
	batchCount: 0,
	counts: noCounts,
	upToDate: [],
	log: [],
	durations: [],
};
