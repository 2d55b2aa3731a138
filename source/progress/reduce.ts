import type {EngineEvent} from '../engine/events.ts';
import type {NodeFailure, NodePhase} from '../inventory/types.ts';
import {countPhases, isActivePhase, moveCount} from './counts.ts';
import {emptyProgress, type LogEntry, type NodeProgress, type ProgressState} from './state.ts';

type Event<T extends EngineEvent['type']> = Extract<EngineEvent, {type: T}>;

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/**
 * A private copy of a state that events are folded into in place, so a burst
 * of events costs one copy of the node map instead of one per event.
 */
type Draft = Omit<Mutable<ProgressState>, 'nodes' | 'order' | 'log' | 'durations'> & {
	nodes: Map<string, NodeProgress>;
	order: string[];
	log: LogEntry[];
	durations: number[];
};

/**
 * Folds one engine event into the progress state. Pure: the Ink UI and the
 * plain reporter both derive everything they show from its result.
 */
export function reduceProgress(state: ProgressState, event: EngineEvent): ProgressState {
	return reduceEvents(state, [event]);
}

/** The same as folding `reduceProgress` over `events`, at the cost of one copy. */
export function reduceEvents(state: ProgressState, events: readonly EngineEvent[]): ProgressState {
	if (events.length === 0) {
		return state;
	}

	const draft: Draft = {
		...state,
		nodes: new Map(state.nodes),
		order: [...state.order],
		log: [...state.log],
		durations: [...state.durations],
	};
	for (const event of events) {
		draft.startedAt ??= event.at;
		apply(draft, event);
	}

	return draft;
}

function apply(draft: Draft, event: EngineEvent): void {
	switch (event.type) {
		case 'plan': {
			applyPlan(draft, event);
			break;
		}

		case 'batch-started': {
			for (const name of event.nodes) {
				const node = draft.nodes.get(name);
				if (node !== undefined) {
					draft.nodes.set(name, {...node, batch: event.index});
				}
			}

			draft.batch = {index: event.index, nodes: event.nodes, finished: false};
			break;
		}

		case 'batch-finished': {
			if (draft.batch?.index === event.index) {
				draft.batch = {...draft.batch, finished: true};
			}

			break;
		}

		case 'node-phase': {
			moveNode(draft, event.node, event.phase, event.at);
			break;
		}

		case 'node-report': {
			const node = draft.nodes.get(event.node);
			if (node !== undefined) {
				draft.nodes.set(event.node, {...node, report: event.report});
			}

			break;
		}

		case 'node-failed': {
			moveNode(draft, event.node, 'failed', event.at, event.failure);
			break;
		}

		case 'object-applied': {
			const {kind, name, action, at} = event;
			draft.log.push({type: 'object', at, kind, name, action});
			break;
		}

		case 'finished': {
			applyFinished(draft, event);
			break;
		}
	}
}

function applyPlan(draft: Draft, event: Event<'plan'>): void {
	const nodes = new Map<string, NodeProgress>();
	for (const [index, batch] of event.batches.entries()) {
		for (const name of batch) {
			nodes.set(name, {name, phase: 'held', phaseSince: event.at, attempts: 0, batch: index});
		}
	}

	for (const {node, reason} of event.skipped) {
		if (!nodes.has(node)) {
			nodes.set(node, {name: node, phase: 'skipped', phaseSince: event.at, attempts: 0, reason});
		}
	}

	// A plan starts the rollout over; only the start time and what was logged survive.
	Object.assign(draft, {
		...emptyProgress,
		startedAt: draft.startedAt,
		log: draft.log,
		operation: event.operation,
		mode: event.mode,
		parallel: event.parallel,
		order: [...nodes.keys()],
		nodes,
		durations: [],
		batch: undefined,
		finishedAt: undefined,
		result: undefined,
		batchCount: event.batches.length,
		counts: countPhases([...nodes.values()].map(node => node.phase)),
		upToDate: event.upToDate,
	});
}

function moveNode(draft: Draft, name: string, phase: NodePhase, at: number, failure?: NodeFailure): void {
	const previous = draft.nodes.get(name);
	if (previous?.phase === phase) {
		// A failure often arrives as both a phase change and a `node-failed`: keep the details, log once.
		if (failure !== undefined) {
			draft.nodes.set(name, {...previous, failure});
		}

		return;
	}

	const starting = isActivePhase(phase) && (previous === undefined || !isActivePhase(previous.phase));
	const startedAt = starting ? at : previous?.startedAt;
	const attempts = (previous?.attempts ?? 0) + (starting ? 1 : 0);
	const finishing = phase === 'done' || phase === 'failed';
	const node: NodeProgress = {
		name,
		phase,
		phaseSince: at,
		attempts,
		startedAt: phase === 'held' ? undefined : startedAt,
		finishedAt: finishing ? at : previous?.finishedAt,
		batch: previous?.batch ?? draft.batch?.index,
		failure: phase === 'failed' ? failure ?? previous?.failure : starting ? undefined : previous?.failure,
		reason: previous?.reason,
		// A new attempt gets its own report.
		report: starting ? undefined : previous?.report,
	};

	draft.nodes.set(name, node);
	if (previous === undefined) {
		draft.order.push(name);
	}

	draft.counts = moveCount(draft.counts, previous?.phase, phase);
	const durationMs = startedAt === undefined ? undefined : at - startedAt;
	if (phase === 'done' && durationMs !== undefined) {
		draft.durations.push(durationMs);
	}

	if (finishing || phase === 'skipped') {
		draft.log.push({type: 'node', at, node: name, phase, attempt: attempts, durationMs: finishing ? durationMs : undefined, failure: node.failure, report: phase === 'done' ? node.report : undefined});
	}
}

function applyFinished(draft: Draft, event: Event<'finished'>): void {
	const {type: _type, at, ...result} = event;
	const finalPhases: readonly [readonly string[], NodePhase][] = [
		[result.done, 'done'],
		[result.failed, 'failed'],
		[result.held, 'held'],
		[result.skipped, 'skipped'],
	];
	for (const [names, phase] of finalPhases) {
		for (const name of names) {
			const node = draft.nodes.get(name);
			if (node !== undefined && node.phase !== phase) {
				draft.nodes.set(name, {...node, phase, phaseSince: at});
			}
		}
	}

	// The engine's lists are authoritative for the summary, whatever events were missed.
	// Nodes in flight keep the phase last seen: they were released, not held back.
	const listed = result.done.length + result.failed.length + result.held.length + result.skipped.length + result.inFlight.length;
	const total = Math.max(draft.counts.total, listed);
	draft.counts = {
		total,
		done: result.done.length,
		failed: result.failed.length,
		held: result.held.length,
		skipped: result.skipped.length,
		pending: total - listed + result.inFlight.length,
	};
	draft.finishedAt = at;
	draft.result = result;
}
