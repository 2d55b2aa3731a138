import {describe, expect, it} from 'vitest';
import {flagSpecs, flagText} from '../../source/options/flags.ts';

describe('flagText', () => {
	it.each([
		['yes', '--yes'],
		['httpProxy', '--http-proxy'],
		['noDefaultNoProxy', '--no-default-no-proxy'],
		['pauseImage', '--pause-image'],
	])('%s -> %s', (name, text) => {
		expect(flagText(name)).toBe(text);
	});
});

describe('flagSpecs', () => {
	const specs = Object.entries(flagSpecs);

	it('gives each short flag to one flag only, as kubectl does (-n -l -o -y -h -w)', () => {
		const shorts = specs.flatMap(([name, spec]) => ('shortFlag' in spec ? [[spec.shortFlag, name]] : []));
		expect(Object.fromEntries(shorts)).toEqual({l: 'selector', y: 'yes', o: 'output', n: 'namespace', h: 'help', w: 'watch'});
	});

	it('names a value for every string flag and none for booleans', () => {
		for (const [name, spec] of specs) {
			expect('value' in spec, name).toBe(spec.type === 'string');
		}
	});

	it('lets every flag apply to at least one command, and only to known ones', () => {
		for (const [name, spec] of specs) {
			expect(spec.commands.length, name).toBeGreaterThan(0);
			for (const command of spec.commands) {
				expect(['status', 'apply', 'remove'], name).toContain(command);
			}
		}
	});

	it('keeps the proxy flags to apply', () => {
		for (const name of ['httpProxy', 'httpsProxy', 'noProxy', 'noDefaultNoProxy'] as const) {
			expect(flagSpecs[name].commands).toEqual(['apply']);
		}
	});

	it('describes every flag', () => {
		for (const [name, spec] of specs) {
			expect(spec.description.length, name).toBeGreaterThan(5);
		}
	});
});
