import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseOptions} from '../../source/options/parse-options.ts';
import {readProxyEnvFile, type Input} from '../../source/options/proxy-env-file.ts';
import {usageErrorOf} from './usage-error.ts';

const folder = mkdtempSync(join(tmpdir(), 'proxy-env-file-'));
afterAll(() => {
	rmSync(folder, {recursive: true, force: true});
});

const fileInput = (stdin = ''): Input => ({readFile: path => readFileSync(path, 'utf8'), readStdin: () => stdin, stdinIsTerminal: false});

function envFile(text: string): string {
	const path = join(folder, `${Math.random().toString(36).slice(2)}.env`);
	writeFileSync(path, text);
	return path;
}

describe('readProxyEnvFile', () => {
	it('fills the proxy settings from the file', () => {
		const path = envFile('HTTPS_PROXY=http://u:pw@proxy:3128\nNO_PROXY=.corp\n');
		const options = readProxyEnvFile(parseOptions(['apply', '--proxy-env-file', path]), fileInput());
		expect(options.proxy).toEqual({httpProxy: undefined, httpsProxy: 'http://u:pw@proxy:3128', noProxy: '.corp', noDefaultNoProxy: false});
	});

	it('lets flags win over the file, variable by variable', () => {
		const path = envFile('HTTP_PROXY=http://file:1\nHTTPS_PROXY=http://file:2\nNO_PROXY=.file\n');
		const options = readProxyEnvFile(parseOptions(['apply', '--proxy-env-file', path, '--https-proxy', 'http://flag:3', '--no-proxy', '.flag']), fileInput());
		expect(options.proxy).toMatchObject({httpProxy: 'http://file:1', httpsProxy: 'http://flag:3', noProxy: '.flag'});
	});

	it('reads standard input for -', () => {
		const options = readProxyEnvFile(parseOptions(['apply', '--proxy-env-file', '-']), fileInput('export https_proxy=http://p:3128\n'));
		expect(options.proxy.httpsProxy).toBe('http://p:3128');
	});

	it('names standard input in its errors', () => {
		const error = usageErrorOf(() => readProxyEnvFile(parseOptions(['apply', '--proxy-env-file=-']), fileInput('FOO=bar\n')));
		expect(error.message).toBe('--proxy-env-file standard input, line 1: unknown variable FOO');
	});

	it('refuses - when standard input is a terminal instead of waiting for it', () => {
		const error = usageErrorOf(() => readProxyEnvFile(parseOptions(['apply', '--proxy-env-file', '-']), {...fileInput(), stdinIsTerminal: true}));
		expect(error.hint).toContain('< proxy.env');
	});

	it('refuses a file it cannot read, naming it', () => {
		const missing = join(folder, 'missing.env');
		const error = usageErrorOf(() => readProxyEnvFile(parseOptions(['apply', '--proxy-env-file', missing]), fileInput()));
		expect(error.message).toBe(`--proxy-env-file ${missing}: cannot read it (ENOENT)`);
	});

	it('changes nothing without the flag, and does not read for --help', () => {
		const options = parseOptions(['apply', '--https-proxy', 'http://p:1']);
		expect(readProxyEnvFile(options, fileInput())).toBe(options);
		const help = parseOptions(['apply', '--help', '--proxy-env-file', '-']);
		expect(readProxyEnvFile(help, {...fileInput(), stdinIsTerminal: true})).toBe(help);
	});

	it('is an apply flag', () => {
		expect(usageErrorOf(() => parseOptions(['status', '--proxy-env-file', 'x.env'])).message).toBe('--proxy-env-file does not apply to "status"');
	});
});
