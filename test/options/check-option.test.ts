import {describe, expect, it} from 'vitest';
import {parseOptions} from '../../source/options/parse-options.ts';
import {usageErrorOf} from './usage-error.ts';

describe('parseOptions: status --check', () => {
	it('defaults: 2 minutes per node, 10 nodes at once; plain status has no check', () => {
		expect(parseOptions(['status', '--check']).check).toEqual({timeoutMs: 120_000, parallel: 10});
		expect(parseOptions(['status'])).not.toHaveProperty('check');
	});

	it('--timeout, --parallel and --image apply to the check', () => {
		const options = parseOptions(['status', '--check', '--timeout', '30s', '--parallel', '3', '--image', 'registry.corp.example/tools/debian-base:1', '-l', 'pool=build']);
		expect(options.check).toEqual({timeoutMs: 30_000, parallel: 3});
		expect(options.images.image).toBe('registry.corp.example/tools/debian-base:1');
		expect(options.selection.selector).toBe('pool=build');
	});

	it.each([
		[['status', '--timeout', '1m'], '--timeout applies to status only with --check'],
		[['status', '--parallel', '2'], '--parallel applies to status only with --check'],
		[['status', '--image', 'x:1'], '--image applies to status only with --check'],
		[['status', '--check', '-w'], '--check and -w/--watch do not go together: a check runs once'],
		[['apply', '--check'], '--check does not apply to "apply"'],
		[['status', '--check', '--parallel', '0'], '--parallel: "0" is not a whole number of at least 1'],
	])('%o is refused: %s', (argv, message) => {
		expect(usageErrorOf(() => parseOptions(argv)).message).toBe(message);
	});
});
