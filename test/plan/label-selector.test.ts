import {describe, expect, it} from 'vitest';
import {parseLabelSelector} from '../../source/plan/label-selector.ts';
import {usageErrorOf} from '../options/usage-error.ts';

const build = {pool: 'build', env: 'prod', 'kubernetes.io/os': 'linux', gpu: '', cores: '16'};
const web = {pool: 'web', env: 'staging', 'kubernetes.io/os': 'windows', cores: '4'};
const bare = {};

/** Which of the three label sets the selector matches. */
function picks(selector: string): string[] {
	const matches = parseLabelSelector(selector);
	return Object.entries({build, web, bare}).filter(([, labels]) => matches(labels)).map(([name]) => name);
}

describe('parseLabelSelector: kubectl\'s grammar', () => {
	it('=, == and != compare one value; != also matches nodes without the key', () => {
		expect(picks('pool=build')).toEqual(['build']);
		expect(picks('pool==web')).toEqual(['web']);
		expect(picks('pool!=build')).toEqual(['web', 'bare']);
		expect(picks('kubernetes.io/os=windows')).toEqual(['web']);
	});

	it('in and notin take a list in parentheses; notin also matches nodes without the key', () => {
		expect(picks('env in (prod,staging)')).toEqual(['build', 'web']);
		expect(picks('env in (prod, qa)')).toEqual(['build']);
		expect(picks('env notin (prod)')).toEqual(['web', 'bare']);
		expect(picks('env in(prod)')).toEqual(['build']);
	});

	it('a bare key tests that the label exists, !key that it does not', () => {
		expect(picks('gpu')).toEqual(['build']);
		expect(picks('!gpu')).toEqual(['web', 'bare']);
	});

	it('> and < compare whole numbers', () => {
		expect(picks('cores>8')).toEqual(['build']);
		expect(picks('cores<8')).toEqual(['web']);
	});

	it('comma-separated requirements must all hold; spaces around tokens are fine', () => {
		expect(picks('env in (prod,staging), pool!=web')).toEqual(['build']);
		expect(picks(' pool = build , !gpu ')).toEqual([]);
		expect(picks('gpu=')).toEqual(['build']);
	});

	it('the empty selector matches every node', () => {
		expect(picks('')).toEqual(['build', 'web', 'bare']);
	});

	it.each([
		['pool=build,', 'ends with a comma'],
		['pool in prod', 'needs a list in parentheses'],
		['env in (prod', 'not closed'],
		['!pool=build', 'takes no operator'],
		['pool=bu ild', 'where a comma should separate'],
		['cores>many', 'needs a whole number'],
		['-bad=1', 'is not a label key'],
		['pool=a/b', 'is not a label value'],
		['=x', 'where a label key should be'],
	])('refuses %j with exit 2 naming -l and the selector', (selector, why) => {
		const error = usageErrorOf(() => parseLabelSelector(selector));
		expect(error.message).toContain(`-l/--selector "${selector}"`);
		expect(error.message).toContain(why);
		expect(error.hint).toContain('pool=build');
	});
});
