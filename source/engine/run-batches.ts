import type {KubeClient} from '../cluster/kube-client.ts';
import {podProgress} from '../inventory/pod-progress.ts';
import type {RolloutPlan} from '../plan/types.ts';
import type {RolloutControls} from './controls.ts';
import type {EngineEvent} from './events.ts';
import type {NodeFailure} from '../inventory/types.ts';
import {requestConcurrency} from './label-nodes.ts';
import {forEachLimited} from './limited.ts';
import type {PodTracker} from './pod-tracker.ts';
import type {DrainOutcome} from './drain-node.ts';
import type {VerifyOutcome} from './verify-pull.ts';
import {type Action, initialRollout, nextDeadline, type Observation, type RolloutResult, stepRollout} from './rollout-machine.ts';

export type BatchDeps = {
	readonly client: KubeClient;
	readonly namespace: string;
	/** Name of the init container whose log explains a failure. */
	readonly container: string;
	readonly tracker: PodTracker;
	readonly controls: RolloutControls;
	readonly signal: AbortSignal;
	readonly emit: (event: EngineEvent) => void;
	/** Lets the node's pod start (lift its hold, or replace its stale pod). */
	readonly release: (node: string) => Promise<void>;
	/** Takes a failed node out of the rollout so its pod stops restarting. */
	readonly holdAgain: (node: string) => Promise<void>;
	/** Replaces a failed pod so the node tries again. */
	readonly retry: (node: string) => Promise<void>;
	/** --verify-image: the node pulls the image (see verifyPull). */
	readonly verify: (node: string) => Promise<VerifyOutcome>;
	/** --drain: cordons the node and evicts its pods. */
	readonly drain: (node: string) => Promise<DrainOutcome>;
	/** Lifts a cordon the plugin set. */
	readonly uncordon: (node: string) => Promise<void>;
	/** Nodes an earlier, interrupted run left cordoned by the plugin. */
	readonly leftoverCordons: readonly string[];
};

export type BatchResult = RolloutResult;

/**
 * Runs the plan's batches: the decisions are the rollout machine's; this
 * executes its actions (cluster calls, questions, events) and feeds it what
 * it observes, one observation at a time.
 */
export async function runBatches(plan: RolloutPlan, deps: BatchDeps): Promise<BatchResult> {
	const {emit, signal, controls, tracker} = deps;
	let state = initialRollout(plan, deps.leftoverCordons);
	const pending: Observation[] = [{type: 'start', at: Date.now()}];
	let abortSeen = false;

	const execute = async (action: Action): Promise<Observation[]> => {
		switch (action.type) {
			case 'ask-batch': {
				return [{type: 'batch-decision', at: Date.now(), decision: await controls.beforeBatch(action.index, action.nodes)}];
			}

			case 'start-batch': {
				emit({type: 'batch-started', at: Date.now(), index: action.index, nodes: action.nodes});
				const released: Extract<Observation, {type: 'released'}>[] = [];
				// Once interrupted, no further node is released: those left stay held.
				await forEachLimited(action.release ?? action.nodes, requestConcurrency, async node => {
					if (!signal.aborted) {
						await deps.release(node);
						released.push({type: 'released', at: Date.now(), node});
					}
				});
				// Every node is looked at once; later, only those whose pod changed.
				return [...released, ...released.map(({node}) => podObservation(tracker, node))];
			}

			case 'phase': {
				emit({type: 'node-phase', at: Date.now(), node: action.node, phase: action.phase});
				return [];
			}

			case 'report': {
				emit({type: 'node-report', at: Date.now(), node: action.node, report: action.report});
				return [];
			}

			case 'node-failed': {
				const podName = tracker.pod(action.node)?.metadata?.name;
				const failure: NodeFailure = {...action.failure, logTail: podName && !action.withoutLog ? await deps.client.podLogTail(deps.namespace, podName, deps.container, 20) : []};
				// The details first: a view that logs the first word about a failure logs the reason.
				emit({type: 'node-failed', at: Date.now(), node: action.node, failure});
				emit({type: 'node-phase', at: Date.now(), node: action.node, phase: 'failed'});
				return [{type: 'failure-decision', at: Date.now(), node: action.node, decision: await controls.onFailure(action.node, failure)}];
			}

			case 'drain': {
				// The batch's nodes drain side by side; each says how its drain ended.
				const outcomes: Observation[] = [];
				await forEachLimited(action.nodes, requestConcurrency, async node => {
					const outcome = await deps.drain(node);
					const at = Date.now();
					outcomes.push(outcome.type === 'drained'
						? {type: 'drained', at, node, cordonedByUs: outcome.cordonedByUs}
						: outcome.type === 'failed'
							? {type: 'drain-failed', at, node, cordonedByUs: outcome.cordonedByUs, reason: outcome.reason}
							: {type: 'drain-stopped', at, node, cordonedByUs: outcome.cordonedByUs});
				});
				return outcomes;
			}

			case 'verify': {
				// Stopped by the user: no answer, so the node counts as in flight.
				const outcome = await deps.verify(action.node);
				return outcome.type === 'stopped' ? [] : [{type: 'verified', at: Date.now(), node: action.node, ...(outcome.type === 'failed' && {failure: outcome.message})}];
			}

			case 'release': {
				if (signal.aborted) {
					return [];
				}

				await deps.release(action.node);
				return [{type: 'released', at: Date.now(), node: action.node}, podObservation(tracker, action.node)];
			}

			case 'uncordon': {
				await deps.uncordon(action.node);
				return [];
			}

			case 'retry': {
				await deps.retry(action.node);
				return [{type: 'retried', at: Date.now(), node: action.node}];
			}

			case 'hold-again': {
				await deps.holdAgain(action.node);
				return [];
			}

			case 'batch-finished': {
				emit({type: 'batch-finished', at: Date.now(), index: action.index});
				return [];
			}

			case 'finish': {
				return [];
			}
		}
	};

	while (state.result === undefined) {
		const observation = pending.shift();
		if (observation === undefined) {
			if (signal.aborted && !abortSeen) {
				abortSeen = true;
				pending.push({type: 'abort', at: Date.now()});
				continue;
			}

			// Running nodes always have a deadline; the bound only keeps a timer in range.
			const deadline = nextDeadline(state);
			await tracker.changed(Math.min(deadline, Date.now() + 60_000));
			for (const node of tracker.takeChanged()) {
				pending.push(podObservation(tracker, node));
			}

			// Only when one is due: looking at every node after each change would make a large rollout quadratic.
			const now = Date.now();
			if (now >= deadline) {
				pending.push({type: 'tick', at: now});
			}

			continue;
		}

		const step = stepRollout(state, observation);
		state = step.state;
		for (const action of step.actions) {
			pending.push(...(await execute(action)));
		}
	}

	return state.result;
}

function podObservation(tracker: PodTracker, node: string): Observation {
	const pod = tracker.pod(node);
	return {type: 'pod', at: Date.now(), node, progress: pod ? podProgress(pod) : undefined};
}

/** The closing event of a rollout; `next` says how to resume when something is left. */
export function finishedEvent(plan: RolloutPlan, result: BatchResult, next: string): EngineEvent {
	const unfinished = result.held.length > 0 || result.inFlight.length > 0 || result.failed.length > 0;
	return {
		type: 'finished',
		at: Date.now(),
		outcome: plan.batches.length === 0 ? 'nothing-to-do' : result.outcome,
		done: result.done,
		failed: result.failed,
		held: result.held,
		inFlight: result.inFlight,
		skipped: plan.skipped.map(entry => entry.node),
		...(unfinished && {next}),
	};
}
