import type {NodeReport} from '../inventory/node-report.ts';
import type {NodeFailure, NodePhase} from '../inventory/types.ts';
import type {RolloutPlan} from '../plan/types.ts';


/**
 * The engine's output. The Ink UI and the plain reporter both reduce this
 * sequence to what they show; neither talks to the cluster.
 * `at` is milliseconds since the epoch.
 */
export type EngineEvent =
	| ({readonly type: 'plan'; readonly at: number} & Pick<RolloutPlan, 'operation' | 'mode' | 'parallel' | 'batches' | 'upToDate' | 'skipped'>)
	| {readonly type: 'object-applied'; readonly at: number; readonly kind: string; readonly name: string; readonly action: 'created' | 'updated' | 'applied' | 'unchanged' | 'deleted'}
	| {readonly type: 'batch-started'; readonly at: number; readonly index: number; readonly nodes: readonly string[]}
	| {readonly type: 'node-phase'; readonly at: number; readonly node: string; readonly phase: NodePhase}
	| {readonly type: 'node-failed'; readonly at: number; readonly node: string; readonly failure: NodeFailure}
	/** What the node says its run did (before the node is done). */
	| {readonly type: 'node-report'; readonly at: number; readonly node: string; readonly report: NodeReport}
	| {readonly type: 'batch-finished'; readonly at: number; readonly index: number}
	| {
			readonly type: 'finished';
			readonly at: number;
			readonly outcome: 'done' | 'failed' | 'interrupted' | 'nothing-to-do';
			readonly done: readonly string[];
			readonly failed: readonly string[];
			/** Never released: untouched, a re-run releases them. */
			readonly held: readonly string[];
			/** Released but not finished when the run stopped: their runtime may be restarting right then. */
			readonly inFlight: readonly string[];
			readonly skipped: readonly string[];
			/** The command that resumes or undoes what is left, when there is any. */
			readonly next?: string;
	  };

export type EngineEventType = EngineEvent['type'];
