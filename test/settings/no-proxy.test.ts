import {describe, expect, it} from 'vitest';
import {defaultNoProxy, effectiveNoProxy, parseNoProxyList} from '../../source/settings/no-proxy.ts';
import type {ClusterFacts} from '../../source/settings/types.ts';
import {expectUsageError} from './expect-usage-error.ts';

const flag = '--no-proxy';
const parse = (value: string) => parseNoProxyList(flag, value);

describe('parseNoProxyList: accepted entries', () => {
	it('accepts every documented form, keeping them as given', () => {
		expect(parse('example.com,.corp.example,*.internal,10.1.2.3,fd00::1,10.0.0.0/8,fd00::/8,registry:5000,10.1.2.3:8080,[fd00::1]:443,Mixed.Case'))
			.toEqual(['example.com', '.corp.example', '*.internal', '10.1.2.3', 'fd00::1', '10.0.0.0/8', 'fd00::/8', 'registry:5000', '10.1.2.3:8080', '[fd00::1]:443', 'Mixed.Case']);
	});

	it('unwraps a bracketed IPv6 address without a port, which Go clients would not match', () => {
		expect(parse('[fd00::1],[::1]:80')).toEqual(['fd00::1', '[::1]:80']);
	});

	it('ignores empty entries and spaces around commas', () => {
		expect(parse(' a.com , ,b.com,,  ')).toEqual(['a.com', 'b.com']);
		expect(parse('')).toEqual([]);
		expect(parse(',,,')).toEqual([]);
	});

	it('accepts prefix lengths at their limits', () => {
		expect(parse('0.0.0.0/0,1.2.3.4/32,::/0,::1/128')).toEqual(['0.0.0.0/0', '1.2.3.4/32', '::/0', '::1/128']);
	});
});

describe('parseNoProxyList: refused entries', () => {
	it.each([
		['a.com,10.0.0.0/33', 16, 'from 0 to 32'],
		['fd00::/129', 8, 'from 0 to 128'],
		['10.0.0.0/', 10, 'from 0 to 32'],
		['10.0.0.0/08', 10, 'from 0 to 32'],
		['10.0.0.0/x', 10, 'from 0 to 32'],
		['300.0.0.0/8', 1, 'is not an IPv4 or IPv6 address'],
		['[fd00::]/8', 1, 'is not an IPv4 or IPv6 address'],
		['host/8', 1, 'is not an IPv4 or IPv6 address'],
	])('refuses the CIDR in %j at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment], hint: ['CIDR']});
	});

	it.each([
		['a.com,*', 7, '\'*\' alone'],
		['*example.com', 1, 'only allowed as a leading \'*.\''],
		['a.*.com', 3, 'only allowed as a leading \'*.\''],
		['a..com', 2, 'empty label'],
		['.', 1, 'the domain after \'.\' is missing'],
		['a,*.', 3, 'the domain after \'*.\' is missing'],
		['-a.com', 1, 'starts or ends with \'-\''],
		['999.1.1.1', 1, 'not a valid IPv4 address'],
		['1::2::3', 1, 'not a valid IPv6 address'],
		['[::1', 2, 'not a valid IPv6 address in brackets'],
		['[::1]x', 6, 'only \':port\' may follow'],
		['host:0', 6, 'out of range'],
		['host:65536', 6, 'out of range'],
		['host:', 6, 'the port is empty'],
		['[::1]:abc', 7, 'must be a number'],
		['fe80::1%eth0', 8, 'zone'],
		['a%2Fb', 2, 'zone'],
		['a.com,x_y.com,b(c)', 16, '\'(\' is not allowed in a host name'],
	])('refuses %j at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment]});
	});

	it.each([
		['a.com;rm -rf /', 6, '\';\''],
		['a.com,b.com\nExecStart=/bin/sh', 12, 'a line feed (U+000A)'],
		['a.com,"b"', 7, 'a double quote'],
		['a.com,$HOME', 7, '\'$\''],
		['a.com,`id`', 7, 'a backquote'],
		['a.com,\\x', 7, 'a backslash'],
		['a.com|b', 6, '\'|\''],
		['a.com&b', 6, '\'&\''],
		['a.com>b', 6, '\'>\''],
		['a.com,\tb', 7, 'a tab'],
		['a.com,b\u202E.com', 8, 'U+202E'],
		['a.com,b\u200B.com', 8, 'U+200B'],
		['a.com,\u0431.com', 7, 'U+0431'],
		['a.com,b\u{1F600}', 8, 'U+1F600'],
	])('refuses the hostile value %j at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment, 'is not allowed'], hint: ['systemd']});
	});

	it('refuses a space inside an entry', () => {
		expectUsageError(() => parse('a.com, b c'), {flag, position: 9, message: ['a space is not allowed inside an entry']});
	});
});

const facts: ClusterFacts = {
	apiServerHost: '10.96.0.1',
	clusterDomain: 'cluster.local',
	podCidrs: ['10.244.0.0/24', '10.244.1.0/24'],
	serviceCidrs: ['10.96.0.0/12'],
	nodeInternalIps: ['192.168.1.10', '192.168.1.11'],
};

describe('defaultNoProxy', () => {
	it('lists loopback, cluster names, the cluster\'s networks and the metadata endpoint, in order', () => {
		expect(defaultNoProxy(facts)).toEqual([
			'localhost',
			'127.0.0.1',
			'::1',
			'.svc',
			'.cluster.local',
			'10.96.0.1',
			'10.244.0.0/24',
			'10.244.1.0/24',
			'10.96.0.0/12',
			'192.168.1.10',
			'192.168.1.11',
			'169.254.169.254',
			'metadata.google.internal',
		]);
	});

	it('uses the cluster domain it is given, and cluster.local when empty', () => {
		expect(defaultNoProxy({...facts, clusterDomain: 'k8s.corp.'})).toContain('.k8s.corp');
		expect(defaultNoProxy({...facts, clusterDomain: ''})).toContain('.cluster.local');
	});

	it('unwraps a bracketed IPv6 API server host and skips a missing one', () => {
		expect(defaultNoProxy({...facts, apiServerHost: '[fd00::10]'})).toContain('fd00::10');
		const withoutHost = defaultNoProxy({...facts, apiServerHost: undefined});
		expect(withoutHost).toHaveLength(defaultNoProxy(facts).length - 1);
		expect(withoutHost).not.toContain('');
	});

	it('keeps every node IP of a large cluster, once', () => {
		const ips = Array.from({length: 120}, (_, index) => `10.0.${Math.floor(index / 100)}.${index % 100}`);
		const list = defaultNoProxy({...facts, nodeInternalIps: [...ips, ...ips], apiServerHost: ips[0]});
		for (const ip of ips) {
			expect(list.filter(entry => entry === ip)).toHaveLength(1);
		}
	});

	it('every default is itself a valid --no-proxy entry', () => {
		const list = defaultNoProxy({...facts, apiServerHost: '[fd00::10]', serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112']});
		expect(parse(list.join(','))).toEqual(list);
	});
});

describe('effectiveNoProxy', () => {
	it('puts defaults first, then the user\'s entries, dropping duplicates case-insensitively', () => {
		expect(effectiveNoProxy(['localhost', '.svc', '10.0.0.0/8'], ['Registry.Corp', 'LOCALHOST', 'registry.corp', '10.0.0.0/8', 'a.b']))
			.toEqual(['localhost', '.svc', '10.0.0.0/8', 'Registry.Corp', 'a.b']);
	});

	it('returns the user\'s entries alone when there are no defaults', () => {
		expect(effectiveNoProxy([], ['a', 'b'])).toEqual(['a', 'b']);
	});
});
