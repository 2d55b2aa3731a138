import {describe, expect, it} from 'vitest';
import {clusterFacts, summariseNetworks} from '../../source/engine/cluster-facts.ts';
import {nodeInfo} from '../inventory/node-info.ts';

const range = <T>(count: number, entry: (index: number) => T): T[] => Array.from({length: count}, (_, index) => entry(index));

describe('summariseNetworks', () => {
	it('keeps up to 16 entries as they are, duplicates removed, order kept', () => {
		expect(summariseNetworks(['10.0.0.2', '10.0.0.1', '10.0.0.2', 'fd00::1'])).toEqual(['10.0.0.2', '10.0.0.1', 'fd00::1']);
		const sixteen = range(16, index => `10.${index}.0.1`);
		expect(summariseNetworks(sixteen)).toEqual(sixteen);
	});

	it('counts unique entries against the limit', () => {
		const repeated = [...range(16, index => `10.0.0.${index}`), '10.0.0.0', '10.0.0.1'];
		expect(summariseNetworks(repeated)).toHaveLength(16);
	});

	it('beyond 16 entries gives their IPv4 /16 networks', () => {
		const addresses = [...range(10, index => `10.1.${index}.5`), ...range(10, index => `10.2.${index}.5`)];
		expect(summariseNetworks(addresses)).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
	});

	it('summarises CIDRs by their address', () => {
		const cidrs = range(20, index => `10.244.${index}.0/24`);
		expect(summariseNetworks(cidrs)).toEqual(['10.244.0.0/16']);
	});

	it('leaves IPv6 out once it summarises', () => {
		const mixed = [...range(17, index => `192.168.${index}.1`), 'fd00::1', 'fd00:1::/64'];
		expect(summariseNetworks(mixed)).toEqual(['192.168.0.0/16']);
		expect(summariseNetworks(range(17, index => `fd00:${index}::1`))).toEqual([]);
	});

	it('of nothing is nothing', () => {
		expect(summariseNetworks([])).toEqual([]);
	});
});

describe('clusterFacts', () => {
	const nodes = [
		nodeInfo('a', {internalIps: ['192.168.0.10'], podCidrs: ['10.244.0.0/24']}),
		nodeInfo('b', {internalIps: ['192.168.0.11', 'fd00::11'], podCidrs: ['10.244.1.0/24', 'fd00:1::/64']}),
	];

	it('collects node addresses and pod CIDRs, the service CIDRs and the API server host', () => {
		expect(clusterFacts(nodes, 'https://api.example.com:6443', ['10.96.0.0/12'])).toEqual({
			apiServerHost: 'api.example.com',
			clusterDomain: 'cluster.local',
			podCidrs: ['10.244.0.0/24', '10.244.1.0/24', 'fd00:1::/64'],
			serviceCidrs: ['10.96.0.0/12'],
			nodeInternalIps: ['192.168.0.10', '192.168.0.11', 'fd00::11'],
			dropped: [],
		});
	});

	it('leaves out addresses and CIDRs that fail the NO_PROXY entry check, naming node and value', () => {
		const hostile = [...nodes, nodeInfo('evil', {internalIps: ['*', '192.168.0.12'], podCidrs: ['10.0.0.0/8,*']})];
		const facts = clusterFacts(hostile, 'https://api:443', ['*']);
		expect(facts.nodeInternalIps).toEqual(['192.168.0.10', '192.168.0.11', 'fd00::11', '192.168.0.12']);
		expect(facts.podCidrs).not.toContain('10.0.0.0/8,*');
		expect(facts.serviceCidrs).toEqual([]);
		expect(facts.dropped?.map(({node, field, value}) => [node, field, value])).toEqual([
			['evil', 'InternalIP', '*'],
			['evil', 'pod CIDR', '10.0.0.0/8,*'],
			['', 'service CIDR', '*'],
		]);
	});

	it.each([
		['https://10.0.0.1:6443', '10.0.0.1'],
		['https://[fd00::1]:6443', 'fd00::1'],
		['https://[2001:db8::1]', '2001:db8::1'],
		['https://API.Example.COM', 'api.example.com'],
		['http://localhost:8080/prefix', 'localhost'],
	])('takes the host of %s as %s', (server, host) => {
		expect(clusterFacts([], server, []).apiServerHost).toBe(host);
	});

	it('summarises the networks of a large cluster', () => {
		const many = range(40, index => nodeInfo(`n${index}`, {internalIps: [`172.16.${index}.4`], podCidrs: [`10.${100 + (index % 2)}.${index}.0/24`]}));
		const facts = clusterFacts(many, 'https://api:443', []);
		expect(facts.nodeInternalIps).toEqual(['172.16.0.0/16']);
		expect(facts.podCidrs).toEqual(['10.100.0.0/16', '10.101.0.0/16']);
	});
});
