import type {NodeReport} from '../inventory/node-report.ts';
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
	| {readonly type: 'abort'; readonly at: number}
	/** --drain: the node's pods are evicted; `cordonedByUs`: the plugin set its cordon (and must lift it). */
	| {readonly type: 'drained'; readonly at: number; readonly node: string; readonly cordonedByUs: boolean}
	/** --drain could not evict every pod (a PodDisruptionBudget, a pod without controller, time). */
	| {readonly type: 'drain-failed'; readonly at: number; readonly node: string; readonly cordonedByUs: boolean; readonly reason: string}
	/** --drain was cut short by an abort: the node was not released. */
	| {readonly type: 'drain-stopped'; readonly at: number; readonly node: string; readonly cordonedByUs: boolean}
	/** --verify-image: the node pulled the image, or `failure` says why not (the kubelet's message). */
	| {readonly type: 'verified'; readonly at: number; readonly node: string; readonly failure?: string};

export type Action =
	| {readonly type: 'ask-batch'; readonly index: number; readonly nodes: readonly string[]}
	/** Announce the batch, release its nodes, or only `release` when given (feeding `released` and then `pod` for each). */
	| {readonly type: 'start-batch'; readonly index: number; readonly nodes: readonly string[]; readonly release?: readonly string[]}
	/** --drain: cordon the nodes and evict their pods (feeding `drained`, `drain-failed` or `drain-stopped` for each). */
	| {readonly type: 'drain'; readonly nodes: readonly string[]}
	/** Release one drained node (feeding `released` and then `pod`). */
	| {readonly type: 'release'; readonly node: string}
	/** Lift the cordon the plugin set, and its mark. */
	| {readonly type: 'uncordon'; readonly node: string}
	/** --verify-image: make the configured node pull the image (feeding `verified`, within the node's timeout). */
	| {readonly type: 'verify'; readonly node: string}
	| {readonly type: 'phase'; readonly node: string; readonly phase: NodePhase}
	/** Pass on what the node says its run did. */
	| {readonly type: 'report'; readonly node: string; readonly report: NodeReport}
	/** Fetch the log tail, report the failure and ask what to do (feeding `failure-decision`). */
	| {readonly type: 'node-failed'; readonly node: string; readonly failure: Omit<NodeFailure, 'logTail'>; readonly withoutLog?: true}
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
	/** --drain: being cordoned and drained before its release. */
	| {readonly status: 'draining'}
	| {readonly status: 'releasing'}
	| {readonly status: 'running'; readonly phase: NodePhase; readonly deadline: number; readonly progress?: PodProgress}
	/** --verify-image: configured, its runtime pulling the image; the engine answers within the timeout. */
	| {readonly status: 'verifying'}
	/** Failed; the user is being asked, or its pod is being replaced. */
	| {readonly status: 'deciding' | 'retrying'; readonly phase: NodePhase};

export type RolloutState = {
	readonly plan: Pick<RolloutPlan, 'mode' | 'batches' | 'timeoutMs' | 'drainTimeoutMs' | 'verifyImage'>;
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
	/** Nodes the plugin cordoned and has not uncordoned yet: every path to the end lifts them. */
	readonly cordoned: readonly string[];
	/** Cordons an earlier run left (interrupted before lifting them), to lift at the start unless this run drains the node. */
	readonly leftoverCordons: readonly string[];
	readonly stopped?: 'failed' | 'interrupted';
	readonly result?: RolloutResult;
};

export type Step = {readonly state: RolloutState; readonly actions: readonly Action[]};

/** `leftoverCordons`: nodes marked as cordoned by the plugin when the plan was made (an interrupted earlier run). */
export function initialRollout(plan: RolloutState['plan'], leftoverCordons: readonly string[] = []): RolloutState {
	return {plan, batch: -1, waiting: undefined, ask: plan.mode === 'node-by-node', runs: noRuns, deadlineBound: Number.POSITIVE_INFINITY, done: [], failed: [], cordoned: [], leftoverCordons};
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
			if (state.batch !== -1) {
				return {state, actions: []};
			}

			// An earlier run's cordon is lifted now, unless this run drains that node (then it is lifted after).
			const drained = state.plan.drainTimeoutMs === undefined ? new Set<string>() : new Set(state.plan.batches.flat());
			const lift = state.leftoverCordons.filter(node => !drained.has(node));
			const kept = state.leftoverCordons.filter(node => drained.has(node));
			return then({state: {...state, cordoned: kept}, actions: lift.map(node => ({type: 'uncordon', node}) as const)}, nextBatch);
		}

		case 'drained': {
			const next = cordonedBy(state, observation.node, observation.cordonedByUs);
			if (next.runs.get(observation.node)?.status !== 'draining') {
				return {state: next, actions: []};
			}

			return {state: withRun(next, observation.node, {status: 'releasing'}), actions: [{type: 'release', node: observation.node}]};
		}

		case 'drain-failed': {
			const next = cordonedBy(state, observation.node, observation.cordonedByUs);
			if (next.runs.get(observation.node)?.status !== 'draining') {
				return {state: next, actions: []};
			}

			return {
				state: withRun(next, observation.node, {status: 'deciding', phase: 'draining'}),
				// No log: the node's pod has not run for this rollout (any pod there is an earlier one).
				actions: [{type: 'node-failed', node: observation.node, failure: {reason: observation.reason}, withoutLog: true}],
			};
		}

		case 'drain-stopped': {
			// Not released: the node stays held; its cordon is lifted when the rollout ends.
			return {state: cordonedBy(state, observation.node, observation.cordonedByUs), actions: []};
		}

		case 'verified': {
			if (state.runs.get(observation.node)?.status !== 'verifying') {
				return {state, actions: []};
			}

			if (observation.failure === undefined) {
				return nodeDone(state, observation.node, [{type: 'phase', node: observation.node, phase: 'done'}]);
			}

			// Like a failed script: the user (or --yes: stop) decides; a retry runs the script and the pull again.
			return {
				state: withRun(state, observation.node, {status: 'deciding', phase: 'verifying'}),
				actions: [{type: 'node-failed', node: observation.node, failure: {reason: `could not pull ${state.plan.verifyImage}: ${observation.failure}`}, withoutLog: true}],
			};
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

			// A drain that failed is tried again by draining again; the node was never released.
			const inDrain = run.phase === 'draining';
			if (observation.decision === 'retry') {
				return inDrain
					? {state: withRun(state, observation.node, {status: 'draining'}), actions: [{type: 'phase', node: observation.node, phase: 'draining'}, {type: 'drain', nodes: [observation.node]}]}
					: {state: withRun(state, observation.node, {status: 'retrying', phase: 'failed'}), actions: [{type: 'retry', node: observation.node}]};
			}

			const next: RolloutState = {
				...withoutRun(state, observation.node),
				failed: [...state.failed, observation.node],
				stopped: observation.decision === 'stop' ? (state.stopped ?? 'failed') : state.stopped,
			};
			// Never left cordoned by us: the node is out of this rollout.
			const lifted = uncordon(next, observation.node);
			const actions: Action[] = [...(inDrain ? [] : [{type: 'hold-again', node: observation.node} as const]), ...lifted.actions];
			return then({state: lifted.state, actions}, batchProgress);
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
	const verify = progress?.phase === 'done' && state.plan.verifyImage !== undefined;
	// Before the node's done: a view logs the report with it.
	if (progress?.phase === 'done' && progress.report) {
		actions.push({type: 'report', node, report: progress.report});
	}

	if (progress && progress.phase !== run.phase && progress.phase !== 'failed' && !verify) {
		current = {...run, phase: progress.phase};
		actions.push({type: 'phase', node, phase: progress.phase});
	}

	if (verify) {
		// Configured is not done yet: done once the runtime has pulled the image through its new settings.
		return {state: withRun(state, node, {status: 'verifying'}), actions: [...actions, {type: 'phase', node, phase: 'verifying'}, {type: 'verify', node}]};
	}

	if (progress?.phase === 'done') {
		return nodeDone(state, node, actions);
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

/** The node is done: its pod is Ready (and its pull verified); it may take pods again (if the plugin cordoned it). */
function nodeDone(state: RolloutState, node: string, actions: readonly Action[]): Step {
	const lifted = uncordon({...withoutRun(state, node), done: [...state.done, node]}, node);
	return then({state: lifted.state, actions: [...actions, ...lifted.actions]}, batchProgress);
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
	if (state.plan.drainTimeoutMs !== undefined) {
		// --drain: each node is released only once its pods are evicted.
		return {
			state: {...state, runs: PersistentMap.of(nodes.map(node => [node, {status: 'draining'}] as const))},
			actions: [{type: 'start-batch', index: state.batch, nodes, release: []}, ...nodes.map(node => ({type: 'phase', node, phase: 'draining'}) as const), {type: 'drain', nodes}],
		};
	}

	return {
		state: {...state, runs: PersistentMap.of(nodes.map(node => [node, {status: 'releasing'}] as const))},
		actions: [{type: 'start-batch', index: state.batch, nodes}],
	};
}

/** Records who cordoned a node the drain looked at. */
function cordonedBy(state: RolloutState, node: string, byUs: boolean): RolloutState {
	return byUs && !state.cordoned.includes(node) ? {...state, cordoned: [...state.cordoned, node]} : state;
}

/** Lifts the node's cordon if the plugin set it; a node someone else cordoned stays as it is. */
function uncordon(state: RolloutState, node: string): Step {
	if (!state.cordoned.includes(node)) {
		return {state, actions: []};
	}

	return {state: {...state, cordoned: state.cordoned.filter(name => name !== node)}, actions: [{type: 'uncordon', node}]};
}

/** Not released yet: still draining, or its drain failed. */
function notYetReleased(run: NodeRun): boolean {
	return run.status === 'releasing' || run.status === 'draining' || (run.status === 'deciding' && run.phase === 'draining');
}

/**
 * Ends the rollout. Batches from `untouched` on were never released; of the
 * current batch, nodes not yet released are held too, and released ones
 * that did not finish are in flight.
 */
function finish(state: RolloutState, untouched: number): Step {
	const runs = unfinished(state);
	const notReleased = runs.filter(([, run]) => notYetReleased(run)).map(([node]) => node);
	const inFlight = runs.filter(([, run]) => !notYetReleased(run)).map(([node]) => node);
	const result: RolloutResult = {
		done: state.done,
		failed: state.failed,
		held: [...notReleased, ...state.plan.batches.slice(untouched).flat()],
		inFlight,
		outcome: state.stopped ?? (state.failed.length > 0 ? 'failed' : 'done'),
	};
	// However it ends (done, failed, stopped, interrupted), no node stays cordoned by the plugin.
	const lifts = state.cordoned.map(node => ({type: 'uncordon', node}) as const);
	return {state: {...state, runs: noRuns, cordoned: [], result}, actions: [...lifts, {type: 'finish', result}]};
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
