import {describe, expect, it} from 'vitest';
import {checkProxyInput} from '../../source/engine/prepare-apply.ts';
import {readCaFiles} from '../../source/options/ca-files.ts';
import {parseOptions} from '../../source/options/parse-options.ts';
import {readProxyEnvFile} from '../../source/options/proxy-env-file.ts';
import {expiredCa, proxyCa, secondCa} from '../settings/ca-fixtures.ts';
import {usageErrorOf} from './usage-error.ts';

const apply = ['apply', '--https-proxy', 'http://proxy.corp:3128'];

describe('--ca-file: the flag', () => {
	it('may be repeated, in either spelling, and keeps the order', () => {
		expect(parseOptions([...apply, '--ca-file', 'a.pem', '--ca-file=b.pem']).caFiles).toEqual(['a.pem', 'b.pem']);
	});

	it('is absent by default', () => {
		expect(parseOptions(apply).caFiles).toEqual([]);
	});

	it('belongs to apply only', () => {
		expect(usageErrorOf(() => parseOptions(['remove', '--ca-file', 'a.pem'])).message).toBe('--ca-file does not apply to "remove"');
	});

	it.each([['--ca-file='], ['--ca-file', ''], ['--ca-file'], ['--ca-file', '--yes']])('needs a value: %j', (...flag) => {
		expect(usageErrorOf(() => parseOptions([...apply, ...flag])).message).toBe('--ca-file needs a value');
	});
});

describe('--ca-file: reading and checking, before the cluster is contacted', () => {
	const files: Record<string, string> = {[proxyCa.path]: proxyCa.text, [secondCa.path]: secondCa.text, [expiredCa.path]: expiredCa.text};
	const readFile = (path: string) => {
		if (files[path] === undefined) {
			throw Object.assign(new Error(`ENOENT: ${path}`), {code: 'ENOENT'});
		}

		return files[path];
	};

	it('each file is read into the proxy input, in order', () => {
		const options = readCaFiles(parseOptions([...apply, '--ca-file', proxyCa.path, '--ca-file', secondCa.path]), readFile);
		expect(options.proxy.caFiles).toEqual([proxyCa, secondCa]);
	});

	it('an unreadable file stops with exit 2, naming it and why', () => {
		const error = usageErrorOf(() => readCaFiles(parseOptions([...apply, '--ca-file', 'missing.pem']), readFile));
		expect(error.message).toBe('--ca-file "missing.pem": cannot read it (ENOENT).');
	});

	it('an expired CA stops with exit 2 in the check that runs before any connection', () => {
		const options = readCaFiles(parseOptions([...apply, '--ca-file', proxyCa.path, '--ca-file', expiredCa.path]), readFile);
		const error = usageErrorOf(() => checkProxyInput(options.proxy));
		expect(error.message).toContain(`--ca-file "${expiredCa.path}": certificate 1 (O=Example Corp, CN=Example Expired CA) expired on 2024-01-01`);
	});
});

describe('CA_FILE in --proxy-env-file', () => {
	const envFile = (text: string) => ({readFile: () => text, readStdin: () => text, stdinIsTerminal: false});

	it('names a CA file, relative to the env file\'s folder', () => {
		const options = readProxyEnvFile(parseOptions([...apply, '--proxy-env-file', '/etc/corp/proxy.env']), envFile('HTTPS_PROXY=http://proxy.corp:3128\nCA_FILE=certs/proxy-ca.pem\n'));
		expect(options.caFiles).toEqual(['/etc/corp/certs/proxy-ca.pem']);
	});

	it('an absolute path stays as it is; --ca-file on the command line wins', () => {
		const text = 'export CA_FILE="/etc/corp/proxy-ca.pem"\n';
		expect(readProxyEnvFile(parseOptions([...apply, '--proxy-env-file', 'proxy.env']), envFile(text)).caFiles).toEqual(['/etc/corp/proxy-ca.pem']);
		expect(readProxyEnvFile(parseOptions([...apply, '--proxy-env-file', 'proxy.env', '--ca-file', 'mine.pem']), envFile(text)).caFiles).toEqual(['mine.pem']);
	});

	it('two different CA_FILE lines are refused, naming the lines', () => {
		const error = usageErrorOf(() => readProxyEnvFile(parseOptions([...apply, '--proxy-env-file', 'proxy.env']), envFile('CA_FILE=a.pem\nca_file=b.pem\n')));
		expect(error.message).toBe('--proxy-env-file proxy.env, line 2: ca_file differs from CA_FILE on line 1');
	});
});
