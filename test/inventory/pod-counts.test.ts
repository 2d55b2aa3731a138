import type {V1Pod} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {countPods, type PodCount} from '../../source/inventory/pod-counts.ts';

function pod(node: string | undefined, phase: string, containers: ('running' | 'waiting' | 'terminated')[] | undefined): V1Pod {
	return {
		spec: {nodeName: node, containers: []},
		status: {
			phase,
			containerStatuses: containers?.map((state, index) => ({
				name: `c${index}`,
				image: 'img',
				imageID: '',
				ready: state === 'running',
				restartCount: 0,
				state: state === 'running' ? {running: {}} : state === 'terminated' ? {terminated: {exitCode: 0}} : {waiting: {reason: 'ContainerCreating'}},
			})),
		},
	};
}

describe('countPods', () => {
	it('counts every pod per node and those still starting', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [
			pod('a', 'Running', ['running']),
			pod('a', 'Running', ['running', 'running']),
			pod('a', 'Pending', ['waiting']),
			pod('b', 'Running', ['running', 'waiting']),
			pod('b', 'Running', ['running', 'terminated']),
		]);
		expect(Object.fromEntries(counts)).toEqual({a: {total: 3, starting: 1}, b: {total: 2, starting: 1}});
	});

	it('a Pending pod is starting whatever its containers say', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [pod('a', 'Pending', ['running'])]);
		expect(counts.get('a')).toEqual({total: 1, starting: 1});
	});

	it('a pod without container statuses yet is starting', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [pod('a', 'Running', undefined), pod('a', 'Running', [])]);
		expect(counts.get('a')).toEqual({total: 2, starting: 2});
	});

	it('skips pods not bound to a node', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [pod(undefined, 'Pending', undefined), pod('', 'Pending', undefined)]);
		expect(counts.size).toBe(0);
	});

	it('adds up across pages', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [pod('a', 'Running', ['running'])]);
		countPods(counts, [pod('a', 'Pending', ['waiting']), pod('c', 'Running', ['running'])]);
		expect(Object.fromEntries(counts)).toEqual({a: {total: 2, starting: 1}, c: {total: 1, starting: 0}});
	});
});
