import {expect, test} from 'vitest';
import {gaps, median, ratio, summarize} from './stats.ts';

test('the median of an even count is the mean of the middle two, and order does not matter', () => {
	expect(median([5, 1, 3])).toBe(3);
	expect(median([4, 1, 3, 2])).toBe(2.5);
	expect(median([])).toBeNaN();
});

test('a summary keeps the median and the extremes', () => {
	expect(summarize([30, 10, 20, 100])).toEqual({n: 4, median: 25, min: 10, max: 100});
});

test('a ratio divides medians and is NaN without a baseline', () => {
	expect(ratio(summarize([120, 130, 140]), summarize([100, 100, 90]))).toBeCloseTo(1.3);
	expect(ratio(summarize([1]), undefined)).toBeNaN();
	expect(ratio(summarize([1]), summarize([0]))).toBeNaN();
});

test('gaps pair the entries by index and skip the missing ones', () => {
	expect(gaps([undefined, 10, 20, 30], [5, 15, undefined, 42])).toEqual([5, 12]);
});
