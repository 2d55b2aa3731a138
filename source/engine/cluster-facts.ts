import {isIPv4} from 'node:net';
import type {NodeInfo} from '../inventory/types.ts';
import {checkClusterEntries} from '../settings/cluster-entries.ts';
import type {ClusterFacts} from '../settings/types.ts';

/** Beyond this many entries, NO_PROXY names their /16 networks instead. */
const maxListed = 16;

/**
 * Node addresses or pod CIDRs for NO_PROXY: each one on a small cluster; on
 * a large one their IPv4 /16 networks, which also cover nodes that join later
 * and keep the line short. IPv6 ones are left to the user's --no-proxy there.
 */
export function summariseNetworks(entries: readonly string[]): string[] {
	const unique = [...new Set(entries)];
	if (unique.length <= maxListed) {
		return unique;
	}

	const ipv4 = unique.map(entry => entry.split('/')[0]!).filter(address => isIPv4(address));
	return [...new Set(ipv4.map(address => `${address.split('.').slice(0, 2).join('.')}.0.0/16`))];
}

export function clusterFacts(nodes: readonly NodeInfo[], server: string, serviceCidrs: readonly string[]): ClusterFacts {
	const host = new URL(server).hostname.replace(/^\[(.*)\]$/, '$1');
	// Checked before summarising: a bad value must be named, not folded into a /16.
	const addresses = checkClusterEntries(nodes.flatMap(node => node.internalIps.map(value => ({node: node.name, field: 'InternalIP', value}))));
	const podCidrs = checkClusterEntries(nodes.flatMap(node => node.podCidrs.map(value => ({node: node.name, field: 'pod CIDR', value}))));
	const services = checkClusterEntries(serviceCidrs.map(value => ({node: '', field: 'service CIDR', value})));
	return {
		apiServerHost: host || undefined,
		clusterDomain: 'cluster.local',
		podCidrs: summariseNetworks(podCidrs.accepted),
		serviceCidrs: services.accepted,
		nodeInternalIps: summariseNetworks(addresses.accepted),
		dropped: [...addresses.dropped, ...podCidrs.dropped, ...services.dropped],
	};
}
