import {describe, expect, it} from 'vitest';
import {flagSpecs, flagText} from '../../source/options/flags.ts';
import {closest} from '../../source/options/suggest.ts';

const flags = Object.keys(flagSpecs).map(name => flagText(name));
const commands = ['status', 'apply', 'remove'];

describe('closest', () => {
	it.each([
		['--contxt', '--context'],
		['--yess', '--yes'],
		['--no-proxies', '--no-proxy'],
		['--https_proxy', '--https-proxy'],
		['--kubeconfg', '--kubeconfig'],
	])('a typo %s -> %s', (word, expected) => {
		expect(closest(word, flags)).toBe(expected);
	});

	it.each([
		['--ver', '--version'],
		['--he', '--help'],
		['--http', '--http-proxy'],
		['--pause', '--pause-image'],
		['--out', '--output'],
		['--proxy', '--proxy-env-file'],
	])('a name cut short %s -> %s, even when another is fewer edits away', (word, expected) => {
		expect(closest(word, flags)).toBe(expected);
	});

	it('never offers --yes for --ver (a dangerous suggestion)', () => {
		expect(closest('--ver', flags)).not.toBe('--yes');
	});

	it.each(['--x', '--h', '--force', '--all'])('nothing close to %s', word => {
		expect(closest(word, flags)).toBeUndefined();
	});

	it.each([
		['satus', 'status'],
		['aply', 'apply'],
		['remov', 'remove'],
		['ap', 'apply'],
		['st', 'status'],
	])('command %s -> %s', (word, expected) => {
		expect(closest(word, commands)).toBe(expected);
	});

	it.each(['rm', 'xyz', 'delete', 'a'])('no command close to %s', word => {
		expect(closest(word, commands)).toBeUndefined();
	});

	it('takes the candidate with the fewest edits', () => {
		expect(closest('abcd', ['abxy', 'abcx'])).toBe('abcx');
	});

	it('allows more edits for longer words', () => {
		expect(closest('--kbeconfgi', flags)).toBe('--kubeconfig');
		expect(closest('abc', ['xyz'])).toBeUndefined();
	});

	it('returns undefined for no candidates', () => {
		expect(closest('status', [])).toBeUndefined();
	});
});
