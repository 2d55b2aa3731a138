import {expect, test} from 'vitest';
import {parseOptions} from '../../source/options/parse-options.ts';
import {quickAnswer} from '../../source/options/quick-answer.ts';

test('--version alone, and --help with at most a command, are answered without the parser', () => {
	expect(quickAnswer(['--version'])).toEqual({kind: 'version'});
	expect(quickAnswer(['--help'])).toEqual({kind: 'help', command: 'home'});
	expect(quickAnswer(['-h'])).toEqual({kind: 'help', command: 'home'});
	expect(quickAnswer(['apply', '--help'])).toEqual({kind: 'help', command: 'apply'});
	expect(quickAnswer(['-h', 'remove'])).toEqual({kind: 'help', command: 'remove'});
	expect(quickAnswer(['status', '-h'])).toEqual({kind: 'help', command: 'status'});
});

test('everything else goes to the parser, which has the errors and the other spellings', () => {
	for (const argv of [[], ['status'], ['--help', '--help'], ['aply', '--help'], ['apply', 'x', '--help'], ['--version', 'status'], ['--help', '--version'], ['apply', '--https-proxy', 'http://p:1', '--help']]) {
		expect(quickAnswer(argv), argv.join(' ')).toBeUndefined();
	}
});

test('each quick answer is the one the parser gives', () => {
	for (const argv of [['--version'], ['--help'], ['-h'], ['apply', '--help'], ['-h', 'remove'], ['status', '-h'], ['remove', '--help']]) {
		const quick = quickAnswer(argv);
		const options = parseOptions(argv);
		expect(quick?.kind === 'version' ? options.version : options.help && !options.version, argv.join(' ')).toBe(true);
		if (quick?.kind === 'help') {
			expect(quick.command).toBe(options.command);
		}
	}
});
