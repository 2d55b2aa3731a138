import type {V1DaemonSet, V1Node, V1Pod} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {applyLiveChange, createLiveInventory, isComplete, type LiveChange, type LiveInventory, liveRow} from '../../source/inventory/live-inventory.ts';
import {annotationKeys, holdReasons, labelKeys} from '../../source/manifests/names.ts';
import {injectorPod} from './pods.ts';

function node(name: string, labels: Record<string, string> = {}, runtime = 'containerd://1.7.24'): V1Node {
	return {
		metadata: {name, labels: {'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels}},
		status: {conditions: [{type: 'Ready', status: 'True'}], nodeInfo: {containerRuntimeVersion: runtime, operatingSystem: 'linux', architecture: 'amd64', bootID: '', kernelVersion: '', kubeProxyVersion: '', kubeletVersion: '', machineID: '', osImage: '', systemUUID: ''}},
	};
}

/** A workload pod: running unless told it is starting. */
function workload(uid: string, nodeName: string, starting = false): V1Pod {
	return {
		metadata: {uid, name: uid, namespace: 'default'},
		spec: {nodeName, containers: [{name: 'app'}]},
		status: {phase: starting ? 'Pending' : 'Running', containerStatuses: starting ? [] : [{name: 'app', image: 'i', imageID: '', ready: true, restartCount: 0, state: {running: {}}}]},
	};
}

function ours(uid: string, nodeName: string, hash: string): V1Pod {
	const pod = injectorPod({node: nodeName, phase: 'Running', ready: true, hash, init: {state: {terminated: {exitCode: 0, reason: 'Completed'}}}});
	return {...pod, metadata: {...pod.metadata, uid}};
}

function daemonSet(hash: string): V1DaemonSet {
	return {metadata: {name: 'proxyinject-injector'}, spec: {selector: {}, template: {metadata: {annotations: {[annotationKeys.settingsHash]: hash}}}}};
}

/** Every collection listed: two nodes, three workload pods (one starting), our pod on node-a, the DaemonSet at hash h1. */
function listed(): LiveInventory {
	const live = createLiveInventory(labelKeys.hold);
	const changes: LiveChange[] = [
		{source: 'nodes', change: {type: 'reset', items: [node('node-b'), node('node-a')]}},
		{source: 'pods', change: {type: 'reset', items: [workload('p1', 'node-a'), workload('p2', 'node-a', true), workload('p3', 'node-b')]}},
		{source: 'ours', change: {type: 'reset', items: [ours('o1', 'node-a', 'h1')]}},
		{source: 'daemonSet', change: {type: 'reset', items: [daemonSet('h1')]}},
	];
	for (const change of changes) {
		applyLiveChange(live, change);
	}

	return live;
}

const names = (set: ReadonlySet<string>) => [...set].sort();

describe('the live inventory', () => {
	it('is complete only once all four collections were listed', () => {
		const live = createLiveInventory(labelKeys.hold);
		applyLiveChange(live, {source: 'nodes', change: {type: 'reset', items: [node('node-a')]}});
		applyLiveChange(live, {source: 'pods', change: {type: 'reset', items: []}});
		applyLiveChange(live, {source: 'ours', change: {type: 'reset', items: []}});
		expect(isComplete(live)).toBe(false);
		applyLiveChange(live, {source: 'daemonSet', change: {type: 'reset', items: []}});
		expect(isComplete(live)).toBe(true);
	});

	it('gives the rows a one-off read gives: counts, proxy state', () => {
		const live = listed();
		expect(liveRow(live, 'node-a')).toMatchObject({name: 'node-a', podsTotal: 2, podsDisrupted: 1, state: 'configured'});
		expect(liveRow(live, 'node-b')).toMatchObject({name: 'node-b', podsTotal: 1, podsDisrupted: 0, state: 'unconfigured'});
	});

	it('a pod that finished starting moves the count of its node only', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'pods', change: {type: 'upsert', object: workload('p2', 'node-a')}}))).toEqual(['node-a']);
		expect(liveRow(live, 'node-a')).toMatchObject({podsTotal: 2, podsDisrupted: 0});
	});

	it('the same pod seen again touches nothing', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'pods', change: {type: 'upsert', object: workload('p1', 'node-a')}}))).toEqual([]);
	});

	it('a pod that goes away is counted out of its node', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'pods', change: {type: 'delete', object: workload('p3', 'node-b')}}))).toEqual(['node-b']);
		expect(liveRow(live, 'node-b')).toMatchObject({podsTotal: 0, podsDisrupted: 0});
	});

	it('a new list (after 410) counts out the pods that are no longer in it', () => {
		const live = listed();
		const touched = applyLiveChange(live, {source: 'pods', change: {type: 'reset', items: [workload('p1', 'node-a'), workload('p4', 'node-b', true)]}});
		expect(names(touched)).toEqual(['node-a', 'node-b']);
		expect(liveRow(live, 'node-a')).toMatchObject({podsTotal: 1, podsDisrupted: 0});
		expect(liveRow(live, 'node-b')).toMatchObject({podsTotal: 1, podsDisrupted: 1});
	});

	it('a hold label on a node shows it held', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'nodes', change: {type: 'upsert', object: node('node-b', {[labelKeys.hold]: holdReasons.queued})}}))).toEqual(['node-b']);
		expect(liveRow(live, 'node-b')).toMatchObject({state: 'held', reason: 'waiting for its turn in the rollout'});
	});

	it('new settings in the DaemonSet make every configured node stale', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'daemonSet', change: {type: 'upsert', object: daemonSet('h2')}}))).toEqual(['node-a', 'node-b']);
		expect(liveRow(live, 'node-a')).toMatchObject({state: 'stale'});
	});

	it('settings given by the command (apply flags) win over the installed ones', () => {
		const live = createLiveInventory(labelKeys.hold, 'h2');
		applyLiveChange(live, {source: 'nodes', change: {type: 'reset', items: [node('node-a')]}});
		applyLiveChange(live, {source: 'ours', change: {type: 'reset', items: [ours('o1', 'node-a', 'h1')]}});
		applyLiveChange(live, {source: 'daemonSet', change: {type: 'reset', items: [daemonSet('h1')]}});
		expect(liveRow(live, 'node-a')).toMatchObject({state: 'stale'});
	});

	it('our pod replaced by one with the new settings: the node follows the pod', () => {
		const live = listed();
		applyLiveChange(live, {source: 'daemonSet', change: {type: 'upsert', object: daemonSet('h2')}});
		expect(names(applyLiveChange(live, {source: 'ours', change: {type: 'delete', object: ours('o1', 'node-a', 'h1')}}))).toEqual(['node-a']);
		expect(liveRow(live, 'node-a')).toMatchObject({state: 'unconfigured'});
		const pending = injectorPod({node: 'node-a', hash: 'h2'});
		applyLiveChange(live, {source: 'ours', change: {type: 'upsert', object: {...pending, metadata: {...pending.metadata, uid: 'o2'}}}});
		expect(liveRow(live, 'node-a')).toMatchObject({state: 'pending'});
		applyLiveChange(live, {source: 'ours', change: {type: 'upsert', object: ours('o2', 'node-a', 'h2')}});
		expect(liveRow(live, 'node-a')).toMatchObject({state: 'configured'});
	});

	it('a deleted node has no row any more, and is named as touched', () => {
		const live = listed();
		expect(names(applyLiveChange(live, {source: 'nodes', change: {type: 'delete', object: node('node-b')}}))).toEqual(['node-b']);
		expect(liveRow(live, 'node-b')).toBeUndefined();
	});
});
