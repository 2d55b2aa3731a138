import type {PodProgress} from '../inventory/pod-progress.ts';
import type {NodeFailure, NodePhase} from '../inventory/types.ts';
import type {RolloutPlan} from '../plan/types.ts';
import type {BatchDecision, FailureDecision} from './controls.ts';
import {PersistentMap} from './persistent-map.ts';

/**
 * The rollout's decisions as a pure state machine: what to release next,
 * when a batch is done, when a node failed or timed out, what to do on an
 * abort, and which nodes count as held or in flight. `stepRollout` takes
 * what the engine observed and returns the new state and what to do; the
 * engine only executes the actions (cluster calls, questions, events) and
 * feeds back what happened. Times are milliseconds since the epoch.
 */

export type Observation =
	| {readonly type: 'start'; readonly at: number}
	| {readonly type: 'batch-decision'; readonly at: number; readonly decision: BatchDecision}
	/** The node's hold was lifted (or its stale pod replaced): its pod may start. */
	| {readonly type: 'released'; readonly at: number; readonly node: string}
	/** The node's pod as last seen; undefined when it has none. */
	| {readonly type: 'pod'; readonly at: number; readonly node: string; readonly progress?: PodProgress}
	/** Time passed: deadlines up to `at` are due. */
	| {readonly type: 'tick'; readonly at: number}
	| {readonly type: 'failure-decision'; readonly at: number; readonly node: string; readonly decision: FailureDecision}
	/** The failed node's pod was replaced; it starts over. */
	| {readonly type: 'retried'; readonly at: number; readonly node: string}
	/** The user stopped the rollout: nothing more is released. */
	| {readonly type: 'abort'; readonly at: number};

export type Action =
	| {readonly type: 'ask-batch'; readonly index: number; readonly nodes: readonly string[]}
	/** Announce the batch, release its nodes (feeding `released` and then `pod` for each). */
	| {readonly type: 'start-batch'; readonly index: number; readonly nodes: readonly string[]}
	| {readonly type: 'phase'; readonly node: string; readonly phase: NodePhase}
	/** Fetch the log tail, report the failure and ask what to do (feeding `failure-decision`). */
	| {readonly type: 'node-failed'; readonly node: string; readonly failure: Omit<NodeFailure, 'logTail'>}
	/** Replace the node's pod (feeding `retried`). */
	| {readonly type: 'retry'; readonly node: string}
	/** Take a failed node out of the rollout so its pod stops restarting. */
	| {readonly type: 'hold-again'; readonly node: string}
	| {readonly type: 'batch-finished'; readonly index: number}
	| {readonly type: 'finish'; readonly result: RolloutResult};

export type RolloutResult = {
	readonly done: readonly string[];
	readonly failed: readonly string[];
	/** Never released (paused, stopped, interrupted before their turn): untouched; a re-run releases them. */
	readonly held: readonly string[];
	/** Released and not finished when interrupted: their runtime may be restarting right then. */
	readonly inFlight: readonly string[];
	readonly outcome: 'done' | 'failed' | 'interrupted';
};

/** Where one node of the current batch is. */
type NodeRun =
	| {readonly status: 'releasing'}
	| {readonly status: 'running'; readonly phase: NodePhase; readonly deadline: number; readonly progress?: PodProgress}
	/** Failed; the user is being asked, or its pod is being replaced. */
	| {readonly status: 'deciding' | 'retrying'; readonly phase: NodePhase};

export type RolloutState = {
	readonly plan: Pick<RolloutPlan, 'mode' | 'batches' | 'timeoutMs'>;
	/** The batch being asked about or run; -1 before the start. */
	readonly batch: number;
	readonly waiting: 'batch-decision' | undefined;
	/** Ask before each batch after the first (node by node, until "continue all"). */
	readonly ask: boolean;
	/** The unfinished nodes of the current batch (in the batch's order: `unfinished`). */
	readonly runs: PersistentMap<NodeRun>;
	/**
	 * No running node's deadline is earlier (it may be earlier than the
	 * earliest: a node that finished keeps it until the next tick). Looking
	 * for the earliest among every node after each pod event made large
	 * rollouts quadratic.
	 */
	readonly deadlineBound: number;
	readonly done: readonly string[];
	readonly failed: readonly string[];
	readonly stopped?: 'failed' | 'interrupted';
	readonly result?: RolloutResult;
};

export type Step = {readonly state: RolloutState; readonly actions: readonly Action[]};

export function initialRollout(plan: RolloutState['plan']): RolloutState {
	return {plan, batch: -1, waiting: undefined, ask: plan.mode === 'node-by-node', runs: noRuns, deadlineBound: Number.POSITIVE_INFINITY, done: [], failed: []};
}

const noRuns = PersistentMap.of<NodeRun>([]);

/** The unfinished nodes of the current batch with where each is, in the batch's order. */
function unfinished(state: RolloutState): [string, NodeRun][] {
	if (state.runs.size === 0) {
		return [];
	}

	return (state.plan.batches[state.batch] ?? []).flatMap(node => {
		const run = state.runs.get(node);
		return run ? [[node, run] as [string, NodeRun]] : [];
	});
}

/** When a `tick` is due: no running node's deadline is earlier. */
export function nextDeadline(state: RolloutState): number {
	return state.deadlineBound;
}

/** The earliest deadline among the running nodes. */
function earliestDeadline(state: RolloutState): number {
	let deadline = Number.POSITIVE_INFINITY;
	for (const [, run] of unfinished(state)) {
		if (run.status === 'running') {
			deadline = Math.min(deadline, run.deadline);
		}
	}

	return deadline;
}

export function stepRollout(state: RolloutState, observation: Observation): Step {
	if (state.result !== undefined) {
		return {state, actions: []};
	}

	switch (observation.type) {
		case 'start': {
			return state.batch === -1 ? nextBatch(state) : {state, actions: []};
		}

		case 'batch-decision': {
			if (state.waiting !== 'batch-decision') {
				return {state, actions: []};
			}

			const {decision} = observation;
			if (decision === 'pause' || decision === 'abort') {
				return finish({...state, waiting: undefined, stopped: 'interrupted'}, state.batch);
			}

			return startBatch({...state, waiting: undefined, ask: decision !== 'continue-all'});
		}

		case 'released': {
			return startClock(state, observation.node, observation.at, 'releasing');
		}

		case 'pod': {
			const run = state.runs.get(observation.node);
			if (run?.status !== 'running') {
				return {state, actions: []};
			}

			return checkNode(withRun(state, observation.node, {...run, progress: observation.progress}), observation.node, observation.at);
		}

		case 'tick': {
			let step: Step = {state, actions: []};
			for (const [node, run] of unfinished(state)) {
				if (run.status === 'running' && run.deadline <= observation.at) {
					step = then(step, next => checkNode(next, node, observation.at));
				}
			}

			return {state: {...step.state, deadlineBound: earliestDeadline(step.state)}, actions: step.actions};
		}

		case 'failure-decision': {
			const run = state.runs.get(observation.node);
			if (run?.status !== 'deciding') {
				return {state, actions: []};
			}

			if (observation.decision === 'retry') {
				return {state: withRun(state, observation.node, {status: 'retrying', phase: 'failed'}), actions: [{type: 'retry', node: observation.node}]};
			}

			const next: RolloutState = {
				...withoutRun(state, observation.node),
				failed: [...state.failed, observation.node],
				stopped: observation.decision === 'stop' ? (state.stopped ?? 'failed') : state.stopped,
			};
			return then({state: next, actions: [{type: 'hold-again', node: observation.node}]}, batchProgress);
		}

		case 'retried': {
			return startClock(state, observation.node, observation.at, 'retrying');
		}

		case 'abort': {
			return finish({...state, waiting: undefined, stopped: 'interrupted'}, state.waiting === 'batch-decision' ? state.batch : state.batch + 1);
		}
	}
}

/** A node whose pod may now start (first release or retry): released, with its time running from `at`. */
function startClock(state: RolloutState, node: string, at: number, from: 'releasing' | 'retrying'): Step {
	if (state.runs.get(node)?.status !== from) {
		return {state, actions: []};
	}

	const deadline = at + state.plan.timeoutMs;
	return {
		state: {...withRun(state, node, {status: 'running', phase: 'released', deadline}), deadlineBound: Math.min(state.deadlineBound, deadline)},
		actions: [{type: 'phase', node, phase: 'released'}],
	};
}

/** Looks at one running node: a new phase, done, failed, or out of time. */
function checkNode(state: RolloutState, node: string, at: number): Step {
	const run = state.runs.get(node);
	if (run?.status !== 'running') {
		return {state, actions: []};
	}

	const {progress} = run;
	const actions: Action[] = [];
	let current = run;
	if (progress && progress.phase !== run.phase && progress.phase !== 'failed') {
		current = {...run, phase: progress.phase};
		actions.push({type: 'phase', node, phase: progress.phase});
	}

	if (progress?.phase === 'done') {
		return then({state: {...withoutRun(state, node), done: [...state.done, node]}, actions}, batchProgress);
	}

	const timedOut = at >= run.deadline;
	if (progress?.phase !== 'failed' && !timedOut) {
		return {state: withRun(state, node, current), actions};
	}

	const failure =
		progress?.phase === 'failed'
			? {exitCode: progress.exitCode, reason: progress.reason ?? 'failed'}
			: {reason: `did not finish within ${Math.round(state.plan.timeoutMs / 1000)}s (last phase: ${current.phase})`};
	actions.push({type: 'node-failed', node, failure});
	return {state: withRun(state, node, {status: 'deciding', phase: current.phase}), actions};
}

/** After a node finished: when its batch is complete, the next one (or the end). */
function batchProgress(state: RolloutState): Step {
	if (state.runs.size > 0) {
		return {state, actions: []};
	}

	return then({state, actions: [{type: 'batch-finished', index: state.batch}]}, nextBatch);
}

function nextBatch(state: RolloutState): Step {
	const index = state.batch + 1;
	if (state.stopped !== undefined || index >= state.plan.batches.length) {
		return finish(state, index);
	}

	const nodes = state.plan.batches[index]!;
	if (index > 0 && state.ask) {
		return {state: {...state, batch: index, waiting: 'batch-decision'}, actions: [{type: 'ask-batch', index, nodes}]};
	}

	return startBatch({...state, batch: index});
}

function startBatch(state: RolloutState): Step {
	const nodes = state.plan.batches[state.batch]!;
	return {
		state: {...state, runs: PersistentMap.of(nodes.map(node => [node, {status: 'releasing'}] as const))},
		actions: [{type: 'start-batch', index: state.batch, nodes}],
	};
}

/**
 * Ends the rollout. Batches from `untouched` on were never released; of the
 * current batch, nodes not yet released are held too, and released ones
 * that did not finish are in flight.
 */
function finish(state: RolloutState, untouched: number): Step {
	const runs = unfinished(state);
	const notReleased = runs.filter(([, run]) => run.status === 'releasing').map(([node]) => node);
	const inFlight = runs.filter(([, run]) => run.status !== 'releasing').map(([node]) => node);
	const result: RolloutResult = {
		done: state.done,
		failed: state.failed,
		held: [...notReleased, ...state.plan.batches.slice(untouched).flat()],
		inFlight,
		outcome: state.stopped ?? (state.failed.length > 0 ? 'failed' : 'done'),
	};
	return {state: {...state, runs: noRuns, result}, actions: [{type: 'finish', result}]};
}

function then(step: Step, next: (state: RolloutState) => Step): Step {
	const after = next(step.state);
	return {state: after.state, actions: [...step.actions, ...after.actions]};
}

function withRun(state: RolloutState, node: string, run: NodeRun): RolloutState {
	return {...state, runs: state.runs.set(node, run)};
}

function withoutRun(state: RolloutState, node: string): RolloutState {
	return {...state, runs: state.runs.delete(node)};
}
