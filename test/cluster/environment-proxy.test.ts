import {describe, expect, it} from 'vitest';
import {environmentProxy} from '../../source/cluster/environment-proxy.ts';

describe('environmentProxy: as kubectl (Go net/http) reads the environment', () => {
	it('takes HTTPS_PROXY for https:// servers and HTTP_PROXY for http:// ones, upper case first', () => {
		const env = {HTTPS_PROXY: 'http://secure:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:3128'};
		expect(environmentProxy('https://api.corp:6443', env)).toBe('http://secure:3128');
		expect(environmentProxy('http://api.corp:8080', env)).toBe('http://plain:3128');
		expect(environmentProxy('https://api.corp:6443', {https_proxy: 'http://lower:3128'})).toBe('http://lower:3128');
		expect(environmentProxy('https://api.corp:6443', {HTTP_PROXY: 'http://plain:3128'})).toBeUndefined();
		expect(environmentProxy('https://api.corp:6443', {})).toBeUndefined();
	});

	it('reads a proxy without a scheme as http://', () => {
		expect(environmentProxy('https://api.corp', {HTTPS_PROXY: 'proxy.corp:3128'})).toBe('http://proxy.corp:3128');
	});

	it.each(['https://localhost:6443', 'https://127.0.0.1:6443', 'https://127.1.2.3', 'https://[::1]:6443'])('never proxies loopback %s', server => {
		expect(environmentProxy(server, {HTTPS_PROXY: 'http://proxy:3128'})).toBeUndefined();
	});

	it.each([
		['*', 'https://api.corp'],
		['api.corp', 'https://api.corp'],
		['corp', 'https://api.corp'],
		['.corp', 'https://api.corp'],
		['*.corp', 'https://api.corp'],
		['API.Corp', 'https://api.corp'],
		['api.corp:6443', 'https://api.corp:6443'],
		['10.0.0.0/8', 'https://10.1.2.3:6443'],
		['10.1.2.3', 'https://10.1.2.3:6443'],
		['fd00::/8', 'https://[fd00::1]:6443'],
		['other.example, api.corp ', 'https://api.corp'],
	])('NO_PROXY %j bypasses %s', (noProxy, server) => {
		expect(environmentProxy(server, {HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy})).toBeUndefined();
		expect(environmentProxy(server, {HTTPS_PROXY: 'http://proxy:3128', no_proxy: noProxy})).toBeUndefined();
	});

	it.each([
		['.api.corp', 'https://api.corp'],
		['pi.corp', 'https://api.corp'],
		['api.corp:443', 'https://api.corp:6443'],
		['10.0.0.0/16', 'https://10.1.2.3'],
		['10.1.2.4', 'https://10.1.2.3'],
		['api.corp.evil', 'https://api.corp'],
	])('NO_PROXY %j does not bypass %s', (noProxy, server) => {
		expect(environmentProxy(server, {HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy})).toBe('http://proxy:3128');
	});
});
