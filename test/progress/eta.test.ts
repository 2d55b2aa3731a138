import {expect, test} from 'vitest';
import {estimateEta} from '../../source/progress/eta.ts';
import {reduceProgress} from '../../source/progress/reduce.ts';
import {emptyProgress} from '../../source/progress/state.ts';
import type {EngineEvent} from '../../source/engine/events.ts';
import {phase, planEvent} from './sample-events.ts';

const reduceAll = (events: readonly EngineEvent[]) => events.reduce(reduceProgress, emptyProgress);

test('no estimate before a node completed', () => {
	expect(estimateEta(reduceAll([planEvent, phase('a', 'running', 1000)]), 5000)).toBeUndefined();
});

test('in-flight remainder plus waves of held nodes at the average duration', () => {
	// a took 10s; b started 4s ago (6s left); c is held, one wave of parallel 2 -> 10s.
	const state = reduceAll([planEvent, phase('a', 'released', 0), phase('a', 'done', 10_000), phase('b', 'released', 10_000)]);
	expect(estimateEta(state, 14_000)).toBe(16_000);
});

test('an overdue node adds nothing of its own', () => {
	const state = reduceAll([planEvent, phase('a', 'released', 0), phase('a', 'done', 10_000), phase('b', 'released', 10_000)]);
	expect(estimateEta(state, 60_000)).toBe(10_000);
});

test('a finished rollout has nothing left', () => {
	const state = reduceAll([planEvent, {type: 'finished', at: 1, outcome: 'done', done: ['a', 'b', 'c'], failed: [], held: [], inFlight: [], skipped: []}]);
	expect(estimateEta(state, 2)).toBe(0);
});
