import {readFileSync} from 'node:fs';
import type {BatchDecision, FailureDecision, RolloutControls} from '../../source/engine/controls.ts';
import type {Engine, SessionInfo} from '../../source/engine/engine.ts';
import type {EngineEvent} from '../../source/engine/events.ts';
import type {NodeFailure, NodeInfo} from '../../source/inventory/types.ts';
import type {Operation, RolloutOptions, RolloutPlan, Selection} from '../../source/plan/types.ts';

/**
 * One step of a recorded rollout. An `ask` replays what followed each
 * answer the recording knows (`then`); any other answer goes on with the
 * main sequence. `wait` is the engine busy until its signal aborts.
 */
export type Step =
	| {readonly event: EngineEvent}
	| {readonly ask: 'batch'; readonly index: number; readonly nodes: readonly string[]; readonly then?: Partial<Record<BatchDecision, readonly Step[]>>}
	| {readonly ask: 'failure'; readonly node: string; readonly failure: NodeFailure; readonly then?: Partial<Record<FailureDecision, readonly Step[]>>}
	| {readonly wait: 'abort'; readonly then: readonly Step[]};

export type Recording = {
	readonly session: SessionInfo;
	readonly nodes: readonly NodeInfo[];
	readonly plan: RolloutPlan;
	readonly run: readonly Step[];
};

/** What the UI asked of the engine, for tests to assert on. */
export type EngineLog = {
	inventoryCalls: number;
	/** Watches of the inventory started, and those that ended (their signal aborted). */
	watches: number;
	watchesEnded: number;
	readonly plans: {operation: Operation; selection: Selection; rollout: RolloutOptions}[];
	readonly answers: string[];
	runs: number;
	aborted: boolean;
	finished: boolean;
};

export type RecordedEngine = Engine & {
	readonly log: EngineLog;
	/** Sends every running inventory watch these rows, as a watch does when the cluster changes. */
	readonly pushNodes: (nodes: readonly NodeInfo[]) => void;
};

export function loadRecording(name: string): Recording {
	return JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8')) as Recording;
}

/** An Engine that serves a recording: data in, the same events out, never a cluster. */
export function recordedEngine(recording: Recording): RecordedEngine {
	const log: EngineLog = {inventoryCalls: 0, watches: 0, watchesEnded: 0, plans: [], answers: [], runs: 0, aborted: false, finished: false};
	const watchers = new Set<(nodes: readonly NodeInfo[]) => void>();
	return {
		log,
		pushNodes(nodes) {
			for (const send of watchers) {
				send(nodes);
			}
		},
		session: recording.session,
		async * watchInventory(signal) {
			log.watches += 1;
			const updates: (readonly NodeInfo[])[] = [recording.nodes];
			let wake: (() => void) | undefined;
			const send = (nodes: readonly NodeInfo[]) => {
				updates.push(nodes);
				wake?.();
			};

			watchers.add(send);
			signal.addEventListener('abort', () => wake?.(), {once: true});
			try {
				while (!signal.aborted) {
					const nodes = updates.shift();
					if (nodes === undefined) {
						await new Promise<void>(resolve => {
							wake = resolve;
						});
						continue;
					}

					yield {nodes, changed: nodes, removed: []};
				}
			} finally {
				watchers.delete(send);
				log.watchesEnded += 1;
			}
		},
		async inventory() {
			log.inventoryCalls += 1;
			return recording.nodes;
		},
		async plan(operation, selection, rollout) {
			log.plans.push({operation, selection, rollout});
			return recording.plan;
		},
		run(_plan, controls, signal) {
			log.runs += 1;
			signal.addEventListener('abort', () => {
				log.aborted = true;
			}, {once: true});
			return replay(recording.run, controls, signal, log, rebase(recording.run));
		},
	};
}

/** Shifts recorded times so the replay starts now and keeps the recorded durations. */
function rebase(steps: readonly Step[]): (at: number) => number {
	const first = steps.find((step): step is {event: EngineEvent} => 'event' in step)?.event.at ?? 0;
	const start = Date.now();
	return at => start + (at - first);
}

async function * replay(steps: readonly Step[], controls: RolloutControls, signal: AbortSignal, log: EngineLog, time: (at: number) => number): AsyncGenerator<EngineEvent> {
	for (const step of steps) {
		if (signal.aborted) {
			return;
		}

		// An engine's events arrive over time: let the view render between them.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		if ('event' in step) {
			if (step.event.type === 'finished') {
				log.finished = true;
			}

			yield {...step.event, at: time(step.event.at)};
			continue;
		}

		if ('wait' in step) {
			await new Promise(resolve => {
				signal.addEventListener('abort', resolve, {once: true});
			});
			yield * replay(step.then, controls, new AbortController().signal, log, time);
			return;
		}

		const answer = step.ask === 'batch' ? await controls.beforeBatch(step.index, step.nodes) : await controls.onFailure(step.node, step.failure);
		log.answers.push(`${step.ask}:${answer}`);
		const branch = (step.then as Partial<Record<string, readonly Step[]>> | undefined)?.[answer];
		if (branch !== undefined) {
			yield * replay(branch, controls, signal, log, time);
			return;
		}
	}
}
