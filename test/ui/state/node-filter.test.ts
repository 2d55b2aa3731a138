import {expect, test} from 'vitest';
import {parseNodeFilter} from '../../../source/ui/state/node-filter.ts';
import {loadRecording} from '../recorded-engine.ts';

const nodes = loadRecording('three-node-rollout').nodes;
const names = (filter: string) => nodes.filter(node => parseNodeFilter(filter)(node)).map(node => node.name);

test('a word matches part of the name, in any case', () => {
	expect(names('NODE-')).toEqual(['node-1', 'node-2', 'node-3']);
	expect(names('win')).toEqual(['win-1']);
});

test('key=value and key==value match a label exactly; key!=value excludes it', () => {
	expect(names('pool=gpu')).toEqual(['node-2']);
	expect(names('pool==gpu')).toEqual(['node-2']);
	expect(names('kubernetes.io/os!=windows')).toEqual(['node-1', 'node-2', 'node-3']);
	expect(names('pool=gp')).toEqual([]);
});

test('every word must match; spaces and commas separate words; empty matches all', () => {
	expect(names('node kubernetes.io/os=linux,3')).toEqual(['node-3']);
	expect(names('  ')).toHaveLength(4);
});
