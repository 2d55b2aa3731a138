import {expect, test} from 'vitest';
import {formatDuration} from '../../source/progress/duration.ts';

test.each([
	[850, '0s'],
	[59_999, '59s'],
	[75_000, '1m 15s'],
	[3_900_000, '1h 05m'],
	[-5, '0s'],
])('%i ms reads %s', (ms, text) => {
	expect(formatDuration(ms)).toBe(text);
});
