import {expect, test} from 'vitest';
import {podsToEvict} from '../../source/inventory/pods-to-evict.ts';

const pod = (name: string, extra: {owner?: string; phase?: string; mirror?: boolean; terminating?: boolean} = {}) => ({
	metadata: {
		namespace: 'apps',
		name,
		...(extra.owner && {ownerReferences: [{kind: extra.owner, name: 'x', controller: true}]}),
		...(extra.mirror && {annotations: {'kubernetes.io/config.mirror': 'abc'}}),
		...(extra.terminating && {deletionTimestamp: '2026-01-01T00:00:00Z'}),
	},
	status: {phase: extra.phase ?? 'Running'},
});

test('evicts pods a controller recreates elsewhere; leaves DaemonSet, mirror, finished and terminating pods alone', () => {
	const plan = podsToEvict([
		pod('web-1', {owner: 'ReplicaSet'}),
		pod('db-0', {owner: 'StatefulSet'}),
		pod('job-1', {owner: 'Job', phase: 'Succeeded'}),
		pod('ds-1', {owner: 'DaemonSet'}),
		pod('static', {owner: 'Node', mirror: true}),
		pod('leaving', {owner: 'ReplicaSet', terminating: true}),
		pod('failed', {owner: 'Job', phase: 'Failed'}),
	]);
	expect(plan).toEqual({evict: [{namespace: 'apps', name: 'web-1'}, {namespace: 'apps', name: 'db-0'}], refused: []});
});

test('a pod no controller would recreate stops the drain, named with why', () => {
	const plan = podsToEvict([pod('bare'), pod('web-1', {owner: 'ReplicaSet'})]);
	expect(plan.refused).toEqual([{pod: {namespace: 'apps', name: 'bare'}, reason: expect.stringContaining('no controller would recreate it')}]);
	expect(plan.evict).toEqual([{namespace: 'apps', name: 'web-1'}]);
});

test('an owner that is not the controller does not count', () => {
	const notController = {...pod('odd'), metadata: {namespace: 'apps', name: 'odd', ownerReferences: [{kind: 'ReplicaSet', controller: false}]}};
	expect(podsToEvict([notController]).refused).toHaveLength(1);
});
