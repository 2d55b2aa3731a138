import type {NodeInfo} from '../../source/inventory/types.ts';

/** A NodeInfo row for tests: a ready linux/amd64 containerd node, unconfigured, unless told otherwise. */
export function nodeInfo(name: string, overrides: Partial<NodeInfo> = {}): NodeInfo {
	return {
		name,
		ready: true,
		os: 'linux',
		arch: 'amd64',
		labels: {},
		runtime: 'containerd',
		runtimeVersion: 'containerd://1.7.24',
		internalIps: [],
		podCidrs: [],
		podsDisrupted: 0,
		podsTotal: 0,
		state: 'unconfigured',
		reason: '',
		...overrides,
	};
}
