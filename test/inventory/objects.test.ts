import {describe, expect, it} from 'vitest';
import {classifyNode, type Wanted} from '../../source/inventory/classify-node.ts';
import {nodeObject, podObject} from '../../source/inventory/objects.ts';
import {podProgress, podSettingsHash} from '../../source/inventory/pod-progress.ts';
import {annotationKeys, labelKeys} from '../../source/manifests/names.ts';
import {injectorPod, podStates} from './pods.ts';

/** What the API sends: JSON, with everything a real object carries. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const fullNode = {
	apiVersion: 'v1',
	kind: 'Node',
	metadata: {
		name: 'n1',
		uid: 'u-1',
		resourceVersion: '42',
		creationTimestamp: '2026-01-01T00:00:00Z',
		labels: {'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', [labelKeys.hold]: 'queued'},
		annotations: {'node.alpha.kubernetes.io/ttl': '0', big: 'x'.repeat(10_000)},
		managedFields: [{manager: 'kubelet', operation: 'Update', fieldsV1: {'f:status': {}}}],
	},
	spec: {podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24', 'fd00:1::/64'], taints: [{key: 'k', effect: 'NoSchedule'}]},
	status: {
		capacity: {cpu: '4', memory: '16Gi'},
		conditions: [{type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: '2026-01-01T00:00:00Z'}, {type: 'Ready', status: 'True'}],
		addresses: [{type: 'InternalIP', address: '192.168.0.10'}, {type: 'Hostname', address: 'n1'}],
		nodeInfo: {containerRuntimeVersion: 'docker://20.10.24', operatingSystem: 'linux', architecture: 'amd64', kernelVersion: '6.1', bootID: 'b', machineID: 'm'},
		images: [{names: ['registry.k8s.io/pause:3.10'], sizeBytes: 1}],
	},
};

describe('nodeObject: a node from the API, reduced', () => {
	it('keeps exactly the fields the inventory reads', () => {
		expect(nodeObject(asJson(fullNode))).toEqual({
			metadata: {name: 'n1', labels: fullNode.metadata.labels, resourceVersion: '42'},
			spec: {podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24', 'fd00:1::/64']},
			status: {
				nodeInfo: {containerRuntimeVersion: 'docker://20.10.24', operatingSystem: 'linux', architecture: 'amd64'},
				conditions: [{type: 'MemoryPressure', status: 'False'}, {type: 'Ready', status: 'True'}],
				addresses: [{type: 'InternalIP', address: '192.168.0.10'}, {type: 'Hostname', address: 'n1'}],
			},
		});
	});

	it('keeps of the images only the references asked for that the node lists, as one entry', () => {
		const node = asJson({...fullNode, status: {...fullNode.status, images: [{names: ['registry.example/big:1'], sizeBytes: 9}, ...fullNode.status.images, {names: ['script:1', 'docker.io/library/script@sha256:00'], sizeBytes: 2}]}});
		expect(nodeObject(node, ['registry.k8s.io/pause:3.10', 'docker.io/library/script:1', 'absent:1']).status?.images).toEqual([{names: ['registry.k8s.io/pause:3.10', 'docker.io/library/script:1']}]);
		expect(nodeObject(node, ['absent:1']).status).not.toHaveProperty('images');
		expect(nodeObject(node).status).not.toHaveProperty('images');
		expect(nodeObject(asJson({status: {images: [null, {names: 'no'}, {names: [3, 'pause:1']}]}}), ['pause:1']).status?.images).toEqual([{names: ['pause:1']}]);
	});

	it('classifies the same as the whole node', () => {
		const wanted: Wanted = {hash: 'h', holdLabel: labelKeys.hold, images: ['registry.k8s.io/pause:3.10', 'registry.example/script:1']};
		const count = {total: 7, starting: 1};
		expect(classifyNode(nodeObject(asJson(fullNode), wanted.images), count, undefined, wanted)).toEqual(classifyNode(asJson(fullNode) as typeof fullNode, count, undefined, wanted));
	});

	it('takes what is missing or malformed as absent', () => {
		expect(nodeObject({metadata: {name: 'n2', labels: {a: 'b', c: 3}}, status: {conditions: 'no', addresses: [null, {type: 'InternalIP'}]}})).toEqual({
			metadata: {name: 'n2', labels: {a: 'b'}},
			spec: {},
			status: {addresses: [{type: 'InternalIP'}]},
		});
		expect(nodeObject(null)).toEqual({metadata: {}, spec: {}, status: {}});
	});
});

describe('podObject: a pod from the API, reduced', () => {
	it('reads the same progress and hash as the whole pod, in every state', () => {
		for (const [state, make] of Object.entries(podStates)) {
			const pod = asJson(make()) as ReturnType<typeof injectorPod>;
			expect(podProgress(podObject(pod)), state).toEqual(podProgress(pod));
		}

		const hashed = asJson(podStates.done('h-1'));
		expect(podSettingsHash(podObject(hashed))).toBe('h-1');
	});

	it('drops the spec, the managed fields and the rest of each status', () => {
		const pod = {
			metadata: {
				name: 'p', namespace: 'kube-system', uid: 'u', resourceVersion: '7', deletionTimestamp: '2026-01-01T00:00:00Z',
				annotations: {[annotationKeys.settingsHash]: 'h'}, labels: {app: 'x'}, managedFields: [{manager: 'm'}], ownerReferences: [{kind: 'DaemonSet'}],
			},
			spec: {nodeName: 'n1', containers: [{name: 'pause', image: 'pause', env: [{name: 'A', value: 'b'}]}], volumes: [{name: 'v'}]},
			status: {
				phase: 'Running',
				podIP: '10.0.0.1',
				conditions: [{type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z'}],
				initContainerStatuses: [{name: 'inject', image: 'img', imageID: 'id', ready: true, restartCount: 1, state: {terminated: {exitCode: 0, reason: 'Completed', startedAt: 't', finishedAt: 't'}}, lastState: {}}],
				containerStatuses: [{name: 'pause', ready: true, state: {running: {startedAt: 't'}}}],
			},
		};
		expect(podObject(pod)).toEqual({
			metadata: {name: 'p', namespace: 'kube-system', uid: 'u', resourceVersion: '7', deletionTimestamp: '2026-01-01T00:00:00Z', annotations: {[annotationKeys.settingsHash]: 'h'}},
			spec: {nodeName: 'n1'},
			status: {
				phase: 'Running',
				conditions: [{type: 'Ready', status: 'True'}],
				initContainerStatuses: [{state: {terminated: {exitCode: 0, reason: 'Completed'}}, lastState: {}}],
				containerStatuses: [{state: {running: {}}}],
			},
		});
	});
});
