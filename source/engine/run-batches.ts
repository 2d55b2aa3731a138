import type {KubeClient} from '../cluster/kube-client.ts';
import {podProgress} from '../inventory/pod-progress.ts';
import type {RolloutPlan} from '../plan/types.ts';
import type {RolloutControls} from './controls.ts';
import type {EngineEvent} from './events.ts';
import type {NodeFailure, NodePhase} from '../inventory/types.ts';
import {requestConcurrency} from './label-nodes.ts';
import {forEachLimited} from './limited.ts';
import type {PodTracker} from './pod-tracker.ts';

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
};

export type BatchResult = {
	readonly done: string[];
	readonly failed: string[];
	/** Never released (paused, stopped, interrupted before their batch): untouched; a re-run releases them. */
	readonly held: string[];
	/** Released and still starting when interrupted: a re-run waits for them. */
	readonly inFlight: string[];
	readonly outcome: 'done' | 'failed' | 'interrupted';
};

type NodeRun = {phase: NodePhase; deadline: number; finished: boolean};

/**
 * Releases the plan's batches one after the other; a batch starts only when
 * every node of the previous one is done (or was skipped after failing).
 */
export async function runBatches(plan: RolloutPlan, deps: BatchDeps): Promise<BatchResult> {
	const {emit, signal, controls} = deps;
	const done: string[] = [];
	const failed: string[] = [];
	let ask = plan.mode === 'node-by-node';
	let stopped: 'failed' | 'interrupted' | undefined;
	let next = 0;
	const inFlight: string[] = [];

	for (; next < plan.batches.length && !stopped; next++) {
		const batch = plan.batches[next]!;
		if (signal.aborted) {
			stopped = 'interrupted';
			break;
		}

		if (next > 0 && ask) {
			const decision = await controls.beforeBatch(next, batch);
			if (decision === 'pause' || decision === 'abort') {
				stopped = 'interrupted';
				break;
			}

			ask = decision !== 'continue-all';
		}

		emit({type: 'batch-started', at: Date.now(), index: next, nodes: batch});
		const runs = new Map<string, NodeRun>();
		await forEachLimited(batch, requestConcurrency, async node => {
			await deps.release(node);
			runs.set(node, {phase: 'released', deadline: Date.now() + plan.timeoutMs, finished: false});
			emit({type: 'node-phase', at: Date.now(), node, phase: 'released'});
		});

		const unfinished = new Set(batch);
		const finish = (node: string) => {
			runs.get(node)!.finished = true;
			unfinished.delete(node);
		};

		// Looks at one node's pod; on a large cluster only the nodes whose pod changed are looked at.
		const check = async (node: string, run: NodeRun) => {
			const pod = deps.tracker.pod(node);
			const progress = pod ? podProgress(pod) : undefined;
			const timedOut = Date.now() >= run.deadline && progress?.phase !== 'done';
			if (progress && progress.phase !== run.phase && progress.phase !== 'failed') {
				run.phase = progress.phase;
				emit({type: 'node-phase', at: Date.now(), node, phase: progress.phase});
			}

			if (progress?.phase === 'done') {
				finish(node);
				done.push(node);
				return;
			}

			if (progress?.phase !== 'failed' && !timedOut) {
				return;
			}

			const podName = pod?.metadata?.name;
			const failure: NodeFailure = {
				exitCode: progress?.phase === 'failed' ? progress.exitCode : undefined,
				reason: progress?.phase === 'failed' ? (progress.reason ?? 'failed') : `did not finish within ${Math.round(plan.timeoutMs / 1000)}s (last phase: ${run.phase})`,
				logTail: podName ? await deps.client.podLogTail(deps.namespace, podName, deps.container, 20) : [],
			};
			// The details first: a view that logs the first word about a failure logs the reason.
			emit({type: 'node-failed', at: Date.now(), node, failure});
			emit({type: 'node-phase', at: Date.now(), node, phase: 'failed'});
			const decision = await controls.onFailure(node, failure);
			if (decision === 'retry') {
				await deps.retry(node);
				Object.assign(run, {phase: 'released', deadline: Date.now() + plan.timeoutMs});
				emit({type: 'node-phase', at: Date.now(), node, phase: 'released'});
				return;
			}

			finish(node);
			failed.push(node);
			await deps.holdAgain(node);
			if (decision === 'stop') {
				stopped = 'failed';
			}
		};

		let due: Iterable<string> = batch;
		while (!signal.aborted && unfinished.size > 0) {
			for (const node of due) {
				if (unfinished.has(node)) {
					await check(node, runs.get(node)!);
				}
			}

			if (unfinished.size === 0) {
				break;
			}

			let deadline = Number.POSITIVE_INFINITY;
			for (const node of unfinished) {
				deadline = Math.min(deadline, runs.get(node)!.deadline);
			}

			await deps.tracker.changed(deadline);
			const now = Date.now();
			const changed = new Set(deps.tracker.takeChanged());
			if (now >= deadline) {
				for (const node of unfinished) {
					if (runs.get(node)!.deadline <= now) {
						changed.add(node);
					}
				}
			}

			due = changed;
		}

		if (signal.aborted) {
			stopped = 'interrupted';
			inFlight.push(...[...runs].filter(([, run]) => !run.finished).map(([node]) => node));
			next++;
			break;
		}

		emit({type: 'batch-finished', at: Date.now(), index: next});
	}

	const held = plan.batches.slice(next).flat();
	return {done, failed, held, inFlight, outcome: stopped ?? (failed.length > 0 ? 'failed' : 'done')};
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
