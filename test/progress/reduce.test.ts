import {describe, expect, test} from 'vitest';
import type {EngineEvent} from '../../source/engine/events.ts';
import {reduceEvents, reduceProgress} from '../../source/progress/reduce.ts';
import {emptyProgress, type ProgressState} from '../../source/progress/state.ts';
import {phase, planEvent} from './sample-events.ts';

function reduceAll(events: readonly EngineEvent[], state: ProgressState = emptyProgress): ProgressState {
	return events.reduce(reduceProgress, state);
}

describe('reduceProgress', () => {
	test('a plan holds every batched node and counts the skipped ones', () => {
		const state = reduceAll([planEvent]);
		expect(state.order).toEqual(['a', 'b', 'c', 'win']);
		expect(state.counts).toEqual({total: 4, done: 0, failed: 0, skipped: 1, held: 3, pending: 0});
		expect(state.nodes.get('c')).toMatchObject({phase: 'held', batch: 1});
		expect(state.nodes.get('win')).toMatchObject({phase: 'skipped', reason: 'windows node'});
		expect(state.upToDate).toEqual(['d']);
		expect(state.batchCount).toBe(2);
		expect(state.startedAt).toBe(1000);
	});

	test('phases move nodes between counts and record when each began', () => {
		const state = reduceAll([
			planEvent,
			{type: 'batch-started', at: 1100, index: 0, nodes: ['a', 'b']},
			phase('a', 'released', 1100),
			phase('a', 'pulling', 1200),
			phase('b', 'released', 1150),
		]);
		expect(state.counts).toMatchObject({held: 1, pending: 2, done: 0});
		expect(state.nodes.get('a')).toMatchObject({phase: 'pulling', phaseSince: 1200, startedAt: 1100, attempts: 1});
		expect(state.batch).toEqual({index: 0, nodes: ['a', 'b'], finished: false});
	});

	test('a done node logs its duration, which the ETA learns from', () => {
		const state = reduceAll([planEvent, phase('a', 'released', 2000), phase('a', 'running', 2500), phase('a', 'done', 7000)]);
		expect(state.durations).toEqual([5000]);
		expect(state.log).toEqual([{type: 'node', at: 7000, node: 'a', phase: 'done', attempt: 1, durationMs: 5000, failure: undefined}]);
		expect(state.counts).toMatchObject({done: 1, held: 2, pending: 0});
	});

	test('what the node reports goes with it into the log of its done, and a new attempt starts without it', () => {
		const report = {runtime: 'containerd', unit: 'containerd.service', restarted: true, runtimePidBefore: 1, runtimePidAfter: 2, seconds: 3};
		const done = reduceAll([planEvent, phase('a', 'running', 2000), {type: 'node-report', at: 2500, node: 'a', report}, phase('a', 'done', 2500)]);
		expect(done.nodes.get('a')?.report).toEqual(report);
		expect(done.log.at(-1)).toMatchObject({type: 'node', phase: 'done', report});

		const again = reduceAll([phase('a', 'released', 4000)], done);
		expect(again.nodes.get('a')?.report).toBeUndefined();
	});

	test('a failure logged once keeps the details from node-failed', () => {
		const failure = {exitCode: 3, reason: 'script failed', logTail: ['boom']};
		const state = reduceAll([
			planEvent,
			phase('a', 'running', 2000),
			phase('a', 'failed', 3000),
			{type: 'node-failed', at: 3000, node: 'a', failure},
		]);
		expect(state.counts).toMatchObject({failed: 1, pending: 0});
		expect(state.nodes.get('a')?.failure).toEqual(failure);
		expect(state.log.filter(entry => entry.type === 'node')).toHaveLength(1);
		expect(state.durations).toEqual([]);
	});

	test('node-failed alone fails the node with its details', () => {
		const failure = {exitCode: 1, reason: 'timed out', logTail: []};
		const state = reduceAll([planEvent, phase('b', 'pulling', 2000), {type: 'node-failed', at: 2500, node: 'b', failure}]);
		expect(state.nodes.get('b')).toMatchObject({phase: 'failed', failure, finishedAt: 2500});
		expect(state.log.at(-1)).toMatchObject({type: 'node', phase: 'failed', failure, durationMs: 500});
	});

	test('a retry starts a new attempt and clears the old failure', () => {
		const state = reduceAll([
			planEvent,
			phase('a', 'running', 2000),
			{type: 'node-failed', at: 3000, node: 'a', failure: {reason: 'x', logTail: []}},
			phase('a', 'released', 4000),
			phase('a', 'done', 6000),
		]);
		expect(state.nodes.get('a')).toMatchObject({phase: 'done', attempts: 2, startedAt: 4000, failure: undefined});
		expect(state.durations).toEqual([2000]);
		expect(state.counts).toMatchObject({done: 1, failed: 0});
	});

	test('a node the plan did not mention is added, not lost', () => {
		const state = reduceAll([planEvent, phase('late', 'running', 2000)]);
		expect(state.order.at(-1)).toBe('late');
		expect(state.counts).toMatchObject({total: 5, pending: 1});
	});

	test('objects go to the log in order', () => {
		const state = reduceAll([
			{type: 'object-applied', at: 1, kind: 'ConfigMap', name: 'proxyinject-config', action: 'created'},
			{type: 'object-applied', at: 2, kind: 'DaemonSet', name: 'proxyinject', action: 'created'},
		]);
		expect(state.log.map(entry => entry.type === 'object' && entry.kind)).toEqual(['ConfigMap', 'DaemonSet']);
	});

	test('batch-finished marks only the current batch', () => {
		const started = reduceAll([planEvent, {type: 'batch-started', at: 1, index: 1, nodes: ['c']}]);
		expect(reduceProgress(started, {type: 'batch-finished', at: 2, index: 0}).batch?.finished).toBe(false);
		expect(reduceProgress(started, {type: 'batch-finished', at: 2, index: 1}).batch?.finished).toBe(true);
	});

	test('finished takes the engine lists as the final counts', () => {
		const state = reduceAll([
			planEvent,
			phase('a', 'done', 2000),
			phase('b', 'running', 2000),
			{type: 'finished', at: 9000, outcome: 'interrupted', done: ['a'], failed: [], held: ['c'], inFlight: ['b'], skipped: ['win'], next: 'kubectl proxyinject apply --resume'},
		]);
		expect(state.counts).toEqual({total: 4, done: 1, failed: 0, held: 1, skipped: 1, pending: 1});
		// Released before the interruption: it may be restarting its runtime, never shown as held back.
		expect(state.nodes.get('b')?.phase).toBe('running');
		expect(state.nodes.get('c')?.phase).toBe('held');
		expect(state.finishedAt).toBe(9000);
		expect(state.result).toMatchObject({outcome: 'interrupted', next: 'kubectl proxyinject apply --resume'});
	});

	test('does not change the state it was given', () => {
		const before = reduceAll([planEvent]);
		const nodes = before.nodes;
		reduceProgress(before, phase('a', 'running', 5));
		expect(before.nodes).toBe(nodes);
		expect(before.nodes.get('a')?.phase).toBe('held');
	});
});

test('reduceEvents folds a burst to the same state as one event at a time', () => {
	const events: EngineEvent[] = [planEvent, phase('a', 'released', 1), phase('a', 'done', 5), {type: 'object-applied', at: 6, kind: 'ConfigMap', name: 'c', action: 'applied'}, phase('b', 'running', 7)];
	const folded = reduceAll(events);
	const burst = reduceEvents(emptyProgress, events);
	expect(burst.counts).toEqual(folded.counts);
	expect([...burst.nodes.entries()]).toEqual([...folded.nodes.entries()]);
	expect(burst.log).toEqual(folded.log);
	expect(burst.durations).toEqual(folded.durations);
});
