import {expect, test} from 'vitest';
import {countPhases, moveCount} from '../../source/progress/counts.ts';

test('released, pulling and running all count as pending', () => {
	expect(countPhases(['released', 'pulling', 'running', 'held'])).toMatchObject({total: 4, pending: 3, held: 1});
});

test('moving within a bucket changes nothing; across buckets moves one', () => {
	const counts = countPhases(['pulling']);
	expect(moveCount(counts, 'pulling', 'running')).toBe(counts);
	expect(moveCount(counts, 'running', 'done')).toMatchObject({total: 1, pending: 0, done: 1});
});
