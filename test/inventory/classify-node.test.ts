import type {V1Node} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {classifyNode, type Wanted} from '../../source/inventory/classify-node.ts';
import {labelKeys} from '../../source/manifests/names.ts';
import {injectorPod, podStates} from './pods.ts';

const wanted: Wanted = {hash: 'h-current', holdLabel: labelKeys.hold};

function node(name: string, options: {os?: string; arch?: string; runtime?: string; labels?: Record<string, string>; ready?: boolean; infoOs?: string} = {}): V1Node {
	return {
		metadata: {
			name,
			labels: options.labels ?? {'kubernetes.io/os': options.os ?? 'linux', 'kubernetes.io/arch': options.arch ?? 'amd64'},
		},
		spec: {podCIDRs: ['10.244.1.0/24', 'fd00:1::/64']},
		status: {
			conditions: [{type: 'MemoryPressure', status: 'False'}, {type: 'Ready', status: options.ready === false ? 'False' : 'True'}],
			addresses: [{type: 'InternalIP', address: '192.168.0.10'}, {type: 'Hostname', address: name}, {type: 'ExternalIP', address: '34.1.2.3'}, {type: 'InternalIP', address: 'fd00::10'}],
			nodeInfo: {
				containerRuntimeVersion: options.runtime ?? 'containerd://1.7.24',
				operatingSystem: options.infoOs ?? 'linux',
				architecture: 'arm64',
				bootID: '', kernelVersion: '', kubeProxyVersion: '', kubeletVersion: '', machineID: '', osImage: '', systemUUID: '',
			},
		},
	};
}

describe('classifyNode: what it reads', () => {
	it('fills every field of the row', () => {
		const info = classifyNode(node('n1', {arch: 'amd64'}), {total: 9, starting: 2}, undefined, wanted);
		expect(info).toEqual({
			name: 'n1',
			ready: true,
			os: 'linux',
			arch: 'amd64',
			labels: {'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64'},
			runtime: 'containerd',
			runtimeVersion: 'containerd://1.7.24',
			internalIps: ['192.168.0.10', 'fd00::10'],
			podCidrs: ['10.244.1.0/24', 'fd00:1::/64'],
			podsDisrupted: 2,
			podsTotal: 9,
			state: 'unconfigured',
			reason: '',
		});
	});

	it('names the images of ours the node does not list, when asked about them', () => {
		const listing = {...node('n'), status: {...node('n').status, images: [{names: ['registry.k8s.io/pause:3.10'], sizeBytes: 1}]}};
		const images = ['registry.example/script:1', 'registry.k8s.io/pause:3.10'];
		expect(classifyNode(listing, undefined, undefined, {...wanted, images}).missingImages).toEqual(['registry.example/script:1']);
		expect(classifyNode(listing, undefined, undefined, wanted)).not.toHaveProperty('missingImages');
	});

	it('is not ready without a True Ready condition', () => {
		expect(classifyNode(node('n', {ready: false}), undefined, undefined, wanted).ready).toBe(false);
		expect(classifyNode({metadata: {name: 'bare'}}, undefined, undefined, wanted).ready).toBe(false);
	});

	it('falls back to nodeInfo for os and arch when the labels are missing', () => {
		const info = classifyNode(node('n', {labels: {}}), undefined, undefined, wanted);
		expect(info.os).toBe('linux');
		expect(info.arch).toBe('arm64');
	});

	it('falls back to the single podCIDR of older clusters', () => {
		const old = node('n');
		old.spec = {podCIDR: '10.0.5.0/24'};
		expect(classifyNode(old, undefined, undefined, wanted).podCidrs).toEqual(['10.0.5.0/24']);
		expect(classifyNode({metadata: {name: 'bare'}}, undefined, undefined, wanted).podCidrs).toEqual([]);
	});

	it('counts no pods when it has no count for the node', () => {
		expect(classifyNode(node('n', {runtime: 'docker://20.10.7'}), undefined, undefined, wanted)).toMatchObject({podsDisrupted: 0, podsTotal: 0});
	});
});

describe('classifyNode: pods a runtime restart disrupts', () => {
	it('docker: every pod on the node', () => {
		expect(classifyNode(node('n', {runtime: 'docker://20.10.7'}), {total: 12, starting: 1}, undefined, wanted)).toMatchObject({runtime: 'docker', podsDisrupted: 12, podsTotal: 12});
	});

	it('containerd: only the pods still starting', () => {
		expect(classifyNode(node('n', {runtime: 'containerd://2.0.0'}), {total: 12, starting: 3}, undefined, wanted)).toMatchObject({runtime: 'containerd', podsDisrupted: 3, podsTotal: 12});
	});

	it('cri-o: only the pods still starting', () => {
		expect(classifyNode(node('n', {runtime: 'cri-o://1.30.4'}), {total: 5, starting: 0}, undefined, wanted)).toMatchObject({runtime: 'cri-o', podsDisrupted: 0, podsTotal: 5});
	});
});

describe('classifyNode: skipped nodes', () => {
	it('a windows node is skipped, whatever runs there', () => {
		const info = classifyNode(node('win', {os: 'windows', runtime: 'containerd://1.7.0'}), {total: 3, starting: 0}, podStates.done('h-current'), wanted);
		expect(info.state).toBe('skipped');
		expect(info.reason).toBe('windows node: no systemd runtime to configure');
		expect(info.os).toBe('windows');
	});

	it('a node without any os is skipped as unknown', () => {
		const bare: V1Node = {metadata: {name: 'bare'}};
		expect(classifyNode(bare, undefined, undefined, wanted)).toMatchObject({state: 'skipped', reason: 'unknown node: no systemd runtime to configure'});
	});

	it.each([
		['rkt://1.2', 'runtime "rkt" is not supported (containerd, docker, cri-o are)'],
		['cri-dockerd://0.3.1', 'runtime "cri-dockerd" is not supported (containerd, docker, cri-o are)'],
		['', 'runtime "unknown" is not supported (containerd, docker, cri-o are)'],
	])('an unknown runtime %j is skipped', (runtime, reason) => {
		const info = classifyNode(node('n', {runtime}), undefined, undefined, wanted);
		expect(info).toMatchObject({state: 'skipped', reason, runtime: undefined});
	});
});

describe('classifyNode: proxy state', () => {
	it('no pod and no hold label: unconfigured', () => {
		expect(classifyNode(node('n'), undefined, undefined, wanted)).toMatchObject({state: 'unconfigured', reason: ''});
	});

	it('no pod but the hold label: held, whatever its value', () => {
		for (const value of ['true', '']) {
			const held = node('n', {labels: {'kubernetes.io/os': 'linux', [labelKeys.hold]: value}});
			expect(classifyNode(held, undefined, undefined, wanted)).toMatchObject({state: 'held', reason: 'waiting for its turn in the rollout'});
		}
	});

	it('looks at the hold label of the rollout in question only', () => {
		const held = node('n', {labels: {'kubernetes.io/os': 'linux', [labelKeys.hold]: 'true'}});
		expect(classifyNode(held, undefined, undefined, {holdLabel: labelKeys.removeHold}).state).toBe('unconfigured');
	});

	it('a Ready pod with the wanted hash: configured', () => {
		expect(classifyNode(node('n'), undefined, podStates.done('h-current'), wanted)).toMatchObject({state: 'configured', reason: ''});
	});

	it('a Ready pod with another hash: stale', () => {
		expect(classifyNode(node('n'), undefined, podStates.done('h-old'), wanted)).toMatchObject({state: 'stale', reason: 'configured with other settings'});
		expect(classifyNode(node('n'), undefined, podStates.done(), wanted).state).toBe('stale');
	});

	it('a Ready pod when no hash is wanted (nothing installed to compare with): configured', () => {
		expect(classifyNode(node('n'), undefined, podStates.done('anything'), {holdLabel: labelKeys.hold}).state).toBe('configured');
	});

	it('a pod still on its way: pending, even on a held node', () => {
		const held = node('n', {labels: {'kubernetes.io/os': 'linux', [labelKeys.hold]: 'true'}});
		for (const pod of [podStates.scheduled(), podStates.pulling(), podStates.running(), podStates.initDone()]) {
			expect(classifyNode(held, undefined, pod, wanted)).toMatchObject({state: 'pending', reason: ''});
		}
	});

	it('a failed pod: failed, with the reason and exit code', () => {
		expect(classifyNode(node('n'), undefined, podStates.exited(1), wanted)).toMatchObject({state: 'failed', reason: 'Error (exit code 1)'});
		expect(classifyNode(node('n'), undefined, podStates.crashLoop(3), wanted)).toMatchObject({state: 'failed', reason: 'CrashLoopBackOff (exit code 3)'});
		expect(classifyNode(node('n'), undefined, podStates.imagePullBackOff(), wanted)).toMatchObject({state: 'failed', reason: 'ImagePullBackOff: Back-off pulling image "registry.k8s.io/x"'});
	});

	it('a failed pod with another hash is still failed, not stale', () => {
		expect(classifyNode(node('n'), undefined, injectorPod({hash: 'h-old', init: {state: {terminated: {exitCode: 2}}}}), wanted).state).toBe('failed');
	});
});
