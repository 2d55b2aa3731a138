import {describe, expect, it} from 'vitest';
import {groupMissingImages} from '../../source/plan/missing-images.ts';
import {nodeInfo} from '../inventory/node-info.ts';

const [script, pause] = ['mirror.example/script:1', 'mirror.example/pause:1'];

describe('groupMissingImages', () => {
	it('groups the nodes by the images they do not list, each group in name order', () => {
		const nodes = [
			nodeInfo('c', {missingImages: [script, pause]}),
			nodeInfo('b', {missingImages: [pause]}),
			nodeInfo('a', {missingImages: [script, pause]}),
			nodeInfo('d', {missingImages: []}),
			nodeInfo('e'),
		];
		expect(groupMissingImages(nodes)).toEqual([
			{images: [script, pause], nodes: ['a', 'c']},
			{images: [pause], nodes: ['b']},
		]);
	});

	it('no group when every node lists them, or nobody asked', () => {
		expect(groupMissingImages([nodeInfo('a', {missingImages: []}), nodeInfo('b')])).toEqual([]);
	});
});
