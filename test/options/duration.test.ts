import {describe, expect, it} from 'vitest';
import {parseDuration} from '../../source/options/duration.ts';
import {usageErrorOf} from './usage-error.ts';

describe('parseDuration', () => {
	it.each([
		['1ms', 1],
		['250ms', 250],
		['90s', 90_000],
		['5m', 300_000],
		['2h', 7_200_000],
		['1h30m', 5_400_000],
		['1m30s', 90_000],
		['1h1m1s1ms', 3_661_001],
		['0m30s', 30_000],
	])('%s is %d ms', (value, ms) => {
		expect(parseDuration('--timeout', value)).toBe(ms);
	});

	it.each(['', '5', 's', '5 m', ' 5m', '5m ', '5M', '1.5m', '-5m', '5min', '1d', 'm5', '5m5', 'PT5M'])('%j is not a duration', value => {
		const error = usageErrorOf(() => parseDuration('--timeout', value));
		expect(error.message).toBe(`--timeout: "${value}" is not a duration`);
		expect(error.hint).toBe('Use a number with a unit, e.g. --timeout 90s or --timeout 5m.');
	});

	it.each(['0s', '0ms', '0h0m'])('%s is refused as zero', value => {
		const error = usageErrorOf(() => parseDuration('--wait', value));
		expect(error.message).toBe(`--wait: "${value}" must be longer than zero`);
		expect(error.hint).toBe('e.g. --wait 5m');
	});
});
