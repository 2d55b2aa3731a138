import {describe, expect, it} from 'vitest';
import {UsageError} from '../../source/errors.ts';
import {buildSettings, maskCredentials, maskSettings, type SettingsInput} from '../../source/settings/settings.ts';
import type {ClusterFacts} from '../../source/settings/types.ts';
import {expectUsageError} from './expect-usage-error.ts';

const facts: ClusterFacts = {
	apiServerHost: 'api.example.com',
	clusterDomain: 'cluster.local',
	podCidrs: ['10.244.0.0/16'],
	serviceCidrs: ['10.96.0.0/12'],
	nodeInternalIps: ['192.168.0.10'],
};

const input = (overrides: Partial<SettingsInput>): SettingsInput => ({noDefaultNoProxy: false, requireProxy: true, ...overrides});

describe('buildSettings', () => {
	it('uses --http-proxy for HTTPS too when --https-proxy is not given', () => {
		const settings = buildSettings(input({httpProxy: 'http://proxy:3128'}), facts);
		expect(settings.httpProxy?.text).toBe('http://proxy:3128');
		expect(settings.httpsProxy?.text).toBe('http://proxy:3128');
		expect(settings.hasCredentials).toBe(false);
	});

	it('keeps separate proxies when both are given, and allows HTTPS only', () => {
		const both = buildSettings(input({httpProxy: 'http://a:3128', httpsProxy: 'https://b:8443'}), facts);
		expect([both.httpProxy?.text, both.httpsProxy?.text]).toEqual(['http://a:3128', 'https://b:8443']);
		const httpsOnly = buildSettings(input({httpsProxy: 'http://b:3128'}), facts);
		expect(httpsOnly.httpProxy).toBeUndefined();
		expect(httpsOnly.httpsProxy?.text).toBe('http://b:3128');
	});

	it('puts the defaults first, then --no-proxy entries, without duplicates', () => {
		const settings = buildSettings(input({httpProxy: 'http://proxy:3128', noProxy: 'registry.corp,LOCALHOST,10.96.0.0/12'}), facts);
		expect(settings.noProxy.slice(0, 5)).toEqual(['localhost', '127.0.0.1', '::1', '.svc', '.cluster.local']);
		expect(settings.noProxy).toContain('api.example.com');
		expect(settings.noProxy.at(-1)).toBe('registry.corp');
		expect(settings.noProxy.filter(entry => entry.toLowerCase() === 'localhost')).toHaveLength(1);
		expect(settings.noProxy.filter(entry => entry === '10.96.0.0/12')).toHaveLength(1);
	});

	it('carries the cluster values left out of NO_PROXY, unless the defaults are off', () => {
		const dropped = [{node: 'evil', field: 'InternalIP', value: '*', problem: 'no'}];
		expect(buildSettings(input({httpProxy: 'http://proxy:3128'}), {...facts, dropped}).droppedNoProxy).toEqual(dropped);
		expect(buildSettings(input({httpProxy: 'http://proxy:3128', noDefaultNoProxy: true}), {...facts, dropped}).droppedNoProxy).toBeUndefined();
		expect(buildSettings(input({httpProxy: 'http://proxy:3128'}), facts).droppedNoProxy).toBeUndefined();
	});

	it('leaves the defaults out with noDefaultNoProxy', () => {
		const settings = buildSettings(input({httpProxy: 'http://proxy:3128', noProxy: 'a.corp', noDefaultNoProxy: true}), facts);
		expect(settings.noProxy).toEqual(['a.corp']);
	});

	it('notes credentials from either proxy', () => {
		expect(buildSettings(input({httpProxy: 'http://u:p@a:1', httpsProxy: 'http://b:1'}), facts).hasCredentials).toBe(true);
		expect(buildSettings(input({httpProxy: 'http://a:1', httpsProxy: 'http://u@b:1'}), facts).hasCredentials).toBe(true);
	});

	it('requires a proxy when asked to, naming both flags', () => {
		expect(() => buildSettings(input({noProxy: 'a.corp'}), facts)).toThrow(UsageError);
		expect(() => buildSettings(input({}), facts)).toThrow(/--http-proxy.*--https-proxy/);
	});

	it('builds settings without a proxy when none is required', () => {
		const settings = buildSettings(input({requireProxy: false}), facts);
		expect(settings.httpProxy).toBeUndefined();
		expect(settings.httpsProxy).toBeUndefined();
		expect(settings.noProxy).toContain('.svc');
	});

	it('names the flag whose value is wrong', () => {
		expectUsageError(() => buildSettings(input({httpProxy: 'http://ok:3128', httpsProxy: 'socks5://x'}), facts), {flag: '--https-proxy', position: 1});
		expectUsageError(() => buildSettings(input({httpProxy: 'http://a;b'}), facts), {flag: '--http-proxy', position: 9});
		expectUsageError(() => buildSettings(input({httpProxy: 'http://ok', noProxy: 'a;b'}), facts), {flag: '--no-proxy', position: 2});
	});

	it('refuses an explicitly empty proxy instead of ignoring it', () => {
		expectUsageError(() => buildSettings(input({httpProxy: ''}), facts), {flag: '--http-proxy', position: null, message: ['empty']});
	});
});

describe('maskSettings', () => {
	it('shows masked URLs only', () => {
		const settings = buildSettings(input({httpProxy: 'http://u:topsecret@proxy:3128', noDefaultNoProxy: true, noProxy: 'a'}), facts);
		expect(maskSettings(settings)).toEqual({
			httpProxy: 'http://***@proxy:3128',
			httpsProxy: 'http://***@proxy:3128',
			noProxy: ['a'],
			hasCredentials: true,
		});
		expect(JSON.stringify(maskSettings(settings))).not.toContain('topsecret');
	});
});

describe('maskCredentials', () => {
	it.each([
		['proxy http://alice:s3cret@proxy:3128 failed', 'proxy http://***@proxy:3128 failed'],
		['HTTPS_PROXY=https://bob:p%40ss@p:443', 'HTTPS_PROXY=https://***@p:443'],
		['"HTTP_PROXY=http://u:pw@h",\n"x=socks5://u:pw2@h2"', '"HTTP_PROXY=http://***@h",\n"x=socks5://***@h2"'],
		['{"a":"http://u:pw@h","b":"mail me@example.com"}', '{"a":"http://***@h","b":"mail me@example.com"}'],
		['raw http://u:p@ss@h:1 rest', 'raw http://***@h:1 rest'],
		['http://:pw@h', 'http://***@h'],
		['an API key as user name http://APIKEY@proxy:8011', 'an API key as user name http://***@proxy:8011'],
		['http://proxy:3128/path@x', 'http://proxy:3128/path@x'],
		['already http://***@h', 'already http://***@h'],
		['', ''],
	])('%j -> %j', (text, masked) => {
		expect(maskCredentials(text)).toBe(masked);
	});

	it('masks every valid password the parser accepts', () => {
		const password = 'a!b*c+d,e=f:g~h%40-_.';
		const settings = buildSettings(input({httpProxy: `http://u:${password}@proxy:3128`}), facts);
		const text = `${settings.httpProxy?.text} and ${settings.httpsProxy?.text}`;
		expect(maskCredentials(text)).toBe('http://***@proxy:3128 and http://***@proxy:3128');
	});
});
