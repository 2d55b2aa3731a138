import {describe, expect, it} from 'vitest';
import {criLog} from './fake-logs.ts';
import {nodeManifest} from './node-manifest.ts';
import {planNodes, podCidrFor} from './node-plan.ts';
import {planWorkloadPods} from './workload-pods.ts';

describe('planNodes', () => {
	it('names nodes by flavour, in a fixed order, and marks the failing ones', () => {
		const nodes = planNodes({containerd: 2, docker: 1, crio: 1, windows: 1, arm64: 1, fail: ['docker-1']});
		expect(nodes.map(node => node.name)).toEqual(['containerd-1', 'containerd-2', 'docker-1', 'crio-1', 'windows-1', 'containerd-arm64-1']);
		expect(nodes.filter(node => node.failing).map(node => node.name)).toEqual(['docker-1']);
		expect(nodes.find(node => node.name === 'windows-1')).toMatchObject({os: 'windows', containerRuntimeVersion: 'containerd://1.7.20'});
		expect(nodes.find(node => node.name === 'containerd-arm64-1')).toMatchObject({os: 'linux', arch: 'arm64'});
		expect(nodes.find(node => node.name === 'crio-1')!.containerRuntimeVersion).toBe('cri-o://1.30.4');
	});

	it('refuses to fail a node the cluster does not have', () => {
		expect(() => planNodes({containerd: 1, fail: ['containerd-2']})).toThrow(/containerd-2/);
	});

	it('refuses a count that is not a whole number', () => {
		expect(() => planNodes({docker: 1.5})).toThrow(/docker/);
	});

	it('gives 5,000 nodes distinct addresses and pod ranges', () => {
		const nodes = planNodes({containerd: 5000});
		expect(new Set(nodes.map(node => node.internalIp)).size).toBe(5000);
		expect(new Set(nodes.map(node => node.podCidr)).size).toBe(5000);
		expect(nodes[0]).toMatchObject({internalIp: '10.0.0.10', podCidr: '10.244.0.0/24'});
		expect(nodes.every(node => /^10\.0\.\d+\.\d+$/.test(node.internalIp))).toBe(true);
	});

	it('runs out of pod ranges instead of overlapping the node network', () => {
		expect(podCidrFor(12 * 256)).toBe('10.112.0.0/24');
		expect(() => podCidrFor(256 * 256)).toThrow(RangeError);
	});
});

describe('nodeManifest', () => {
	it('carries the runtime, the labels a kubelet sets and an address kubectl logs can reach', () => {
		const [node] = planNodes({windows: 1});
		const manifest = nodeManifest(node!, 'v1.35.4') as {metadata: {labels: Record<string, string>}; status: {nodeInfo: Record<string, string>; addresses: {type: string; address: string}[]}};
		expect(manifest.metadata.labels).toMatchObject({'kubernetes.io/os': 'windows', 'kubernetes.io/hostname': 'windows-1'});
		expect(manifest.status.nodeInfo).toMatchObject({kubeletVersion: 'v1.35.4', operatingSystem: 'windows', containerRuntimeVersion: 'containerd://1.7.20'});
		expect(manifest.status.addresses).toContainEqual({type: 'InternalDNS', address: 'localhost'});
	});
});

describe('planWorkloadPods', () => {
	it('leaves the last pod of the first two nodes in ContainerCreating', () => {
		const pods = planWorkloadPods(planNodes({containerd: 3}), 2);
		expect(pods.filter(pod => pod.stuck).map(pod => pod.name)).toEqual(['app-containerd-1-2', 'app-containerd-2-2']);
		expect(pods).toHaveLength(6);
	});
});

describe('criLog', () => {
	it('writes CRI log lines, one second apart, ending at the given time', () => {
		expect(criLog(['a', 'b'], new Date('2026-01-01T00:00:10.000Z'))).toBe('2026-01-01T00:00:09.000Z stderr F a\n2026-01-01T00:00:10.000Z stderr F b\n');
	});
});
