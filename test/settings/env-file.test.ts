import {describe, expect, it} from 'vitest';
import {parseProxyEnvFile} from '../../source/settings/env-file.ts';
import {usageErrorOf} from '../options/usage-error.ts';

const parse = (text: string) => parseProxyEnvFile('proxy.env', text);

describe('parseProxyEnvFile', () => {
	it('reads the /etc/environment and systemd EnvironmentFile format', () => {
		const text = [
			'# corporate proxy',
			'',
			'HTTP_PROXY=http://u:s3cret@proxy.corp:3128',
			'  export HTTPS_PROXY="http://u:s3cret@proxy.corp:3128"  ',
			'NO_PROXY=\'.corp.example,10.0.0.0/8\'',
			'   # indented comment',
		].join('\n');
		expect(parse(text)).toEqual({
			httpProxy: 'http://u:s3cret@proxy.corp:3128',
			httpsProxy: 'http://u:s3cret@proxy.corp:3128',
			noProxy: '.corp.example,10.0.0.0/8',
		});
	});

	it('reads lower-case names, CRLF line ends, and both spellings of one variable when they agree', () => {
		expect(parse('https_proxy=http://p:3128\r\nHTTPS_PROXY=http://p:3128\r\nno_proxy=.corp\r\n')).toEqual({httpsProxy: 'http://p:3128', noProxy: '.corp'});
	});

	it('reads an empty value as unset, and an empty file as nothing', () => {
		expect(parse('HTTP_PROXY=\nHTTPS_PROXY=""\n')).toEqual({});
		expect(parse('')).toEqual({});
	});

	it.each([
		['HTTP_PROXY=http://p:3128\nhunter2', 2, 'not a NAME=value line'],
		['PASSWORD=hunter2', 1, 'unknown variable PASSWORD'],
		['ALL_PROXY=http://u:hunter2@p', 1, 'unknown variable ALL_PROXY'],
		['Http_Proxy=http://u:hunter2@p', 1, 'unknown variable Http_Proxy'],
		['HTTP_PROXY = http://u:hunter2@p', 1, 'not a NAME=value line'],
		['HTTP_PROXY="http://u:hunter2@p', 1, 'the value of HTTP_PROXY has an unmatched or inner quote'],
		['HTTP_PROXY=\'http://u:hunter2@p"', 1, 'the value of HTTP_PROXY has an unmatched or inner quote'],
		['HTTP_PROXY="http://u:hun"ter2@p"', 1, 'the value of HTTP_PROXY has an unmatched or inner quote'],
		['# x\n\nHTTPS_PROXY=http://u:hunter2@p\nhttps_proxy=http://u:hunter3@p', 4, 'https_proxy differs from HTTPS_PROXY on line 3'],
	])('refuses %j naming the file and line %i, never the value', (text, line, problem) => {
		const error = usageErrorOf(() => parse(text));
		expect(error.message).toBe(`--proxy-env-file proxy.env, line ${line}: ${problem}`);
		expect(`${error.message} ${error.hint}`).not.toContain('hunter');
	});

	it('checks each value and reports a bad one with its file and line, the password masked', () => {
		const error = usageErrorOf(() => parse('\nHTTPS_PROXY=http://u:hun$ter2@proxy:3128\n'));
		expect(error.message).toBe('--proxy-env-file proxy.env, line 2: HTTPS_PROXY "http://***@proxy:3128": the user name or password has a character '
			+ 'that must be percent-encoded or cannot be used (at position 13).');
		const noProxy = usageErrorOf(() => parse('no_proxy=.corp,*'));
		expect(noProxy.message).toMatch(/^--proxy-env-file proxy\.env, line 1: no_proxy ".corp,\*": .*bypass/);
	});
});
