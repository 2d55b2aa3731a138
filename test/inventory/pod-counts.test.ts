import type {V1Pod} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {countPods, isStarting, type PodCount} from '../../source/inventory/pod-counts.ts';

function pod(phase: string, containers: ('running' | 'waiting' | 'terminated')[] | undefined): V1Pod {
	return {
		spec: {containers: []},
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
			{node: 'a', starting: false},
			{node: 'a', starting: false},
			{node: 'a', starting: true},
			{node: 'b', starting: true},
			{node: 'b', starting: false},
		]);
		expect(Object.fromEntries(counts)).toEqual({a: {total: 3, starting: 1}, b: {total: 2, starting: 1}});
	});

	it('skips pods not bound to a node', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [{starting: true}, {node: '', starting: true}]);
		expect(counts.size).toBe(0);
	});

	it('adds up across pages', () => {
		const counts = new Map<string, PodCount>();
		countPods(counts, [{node: 'a', starting: false}]);
		countPods(counts, [{node: 'a', starting: true}, {node: 'c', starting: false}]);
		expect(Object.fromEntries(counts)).toEqual({a: {total: 2, starting: 1}, c: {total: 1, starting: 0}});
	});
});

describe('isStarting', () => {
	it('a pod with a container waiting is starting; running and ended ones are not', () => {
		expect(isStarting(pod('Running', ['running']))).toBe(false);
		expect(isStarting(pod('Running', ['running', 'terminated']))).toBe(false);
		expect(isStarting(pod('Running', ['running', 'waiting']))).toBe(true);
	});

	it('a Pending pod is starting whatever its containers say', () => {
		expect(isStarting(pod('Pending', ['running']))).toBe(true);
	});

	it('a pod without container statuses yet is starting', () => {
		expect(isStarting(pod('Running', undefined))).toBe(true);
		expect(isStarting(pod('Running', []))).toBe(true);
	});
});
