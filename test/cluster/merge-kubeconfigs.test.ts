import {describe, expect, it} from 'vitest';
import {mergeKubeconfigs} from '../../source/cluster/merge-kubeconfigs.ts';

type Item = {name: string; from: string};
const item = (name: string, from: string): Item => ({name, from});
const part = (from: string, names: {clusters?: string[]; users?: string[]; contexts?: string[]}, currentContext = '') => ({
	clusters: (names.clusters ?? []).map(name => item(name, from)),
	users: (names.users ?? []).map(name => item(name, from)),
	contexts: (names.contexts ?? []).map(name => item(name, from)),
	currentContext,
});

describe('mergeKubeconfigs', () => {
	it('of nothing is empty', () => {
		expect(mergeKubeconfigs([])).toEqual({clusters: [], users: [], contexts: [], currentContext: ''});
	});

	it('of one file is that file', () => {
		const only = part('a', {clusters: ['c'], users: ['u'], contexts: ['x']}, 'x');
		expect(mergeKubeconfigs([only])).toEqual(only);
	});

	it('keeps the first definition of a name, for clusters, users and contexts alike', () => {
		const merged = mergeKubeconfigs([
			part('first', {clusters: ['shared', 'a'], users: ['shared'], contexts: ['shared']}),
			part('second', {clusters: ['shared', 'b'], users: ['shared', 'u2'], contexts: ['shared', 'x2']}),
		]);
		expect(merged.clusters).toEqual([item('shared', 'first'), item('a', 'first'), item('b', 'second')]);
		expect(merged.users).toEqual([item('shared', 'first'), item('u2', 'second')]);
		expect(merged.contexts).toEqual([item('shared', 'first'), item('x2', 'second')]);
	});

	it('takes the current context from the first file that sets one', () => {
		expect(mergeKubeconfigs([part('a', {}, ''), part('b', {}, 'from-b'), part('c', {}, 'from-c')]).currentContext).toBe('from-b');
		expect(mergeKubeconfigs([part('a', {}, 'from-a'), part('b', {}, 'from-b')]).currentContext).toBe('from-a');
	});

	it('treats an undefined current context as unset', () => {
		const unset = {...part('a', {}), currentContext: undefined as unknown as string};
		expect(mergeKubeconfigs([unset, part('b', {}, 'from-b')]).currentContext).toBe('from-b');
	});

	it('leaves its inputs alone', () => {
		const first = part('a', {clusters: ['c']}, 'x');
		const copy = structuredClone(first);
		mergeKubeconfigs([first, part('b', {clusters: ['c', 'd']})]);
		expect(first).toEqual(copy);
	});
});
