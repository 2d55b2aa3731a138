import {describe, expect, it} from 'vitest';
import {checkSelection, selectNodes} from '../../source/plan/select-nodes.ts';
import {nodeInfo} from '../inventory/node-info.ts';
import {usageErrorOf} from '../options/usage-error.ts';

const nodes = [
	nodeInfo('build-1', {labels: {pool: 'build', env: 'prod'}}),
	nodeInfo('build-2', {labels: {pool: 'build', env: 'staging'}}),
	nodeInfo('web-1', {labels: {pool: 'web', env: 'prod'}}),
	nodeInfo('win-1', {labels: {'kubernetes.io/os': 'windows'}, os: 'windows', state: 'skipped'}),
];
const names = (selection: Parameters<typeof selectNodes>[1]) => selectNodes(nodes, selection).map(node => node.name);

describe('selectNodes: one meaning for apply, remove, status and the picker', () => {
	it('no names and no selector: every node', () => {
		expect(names({nodes: []})).toEqual(['build-1', 'build-2', 'web-1', 'win-1']);
		expect(names({nodes: [], selector: ''})).toEqual(['build-1', 'build-2', 'web-1', 'win-1']);
	});

	it('-l is a label selector, never a name filter', () => {
		expect(names({nodes: [], selector: 'env in (prod,staging)'})).toEqual(['build-1', 'build-2', 'web-1']);
		expect(names({nodes: [], selector: 'kubernetes.io/os=windows'})).toEqual(['win-1']);
		expect(names({nodes: [], selector: 'pool=build,env!=prod'})).toEqual(['build-2']);
	});

	it('--nodes and -l together: the named nodes that match', () => {
		expect(names({nodes: ['build-1', 'web-1'], selector: 'pool=build'})).toEqual(['build-1']);
	});

	it('a name that is no node is exit 2 naming it, whatever else matches', () => {
		const error = usageErrorOf(() => selectNodes(nodes, {nodes: ['build-1', 'buidl-2']}));
		expect(error.message).toBe('--nodes: no node named "buidl-2"');
		expect(error.hint).toContain('kubectl get nodes');
	});

	it('a selection that picks nothing is exit 2 naming what was given', () => {
		const error = usageErrorOf(() => selectNodes(nodes, {nodes: [], selector: 'pool=gpu'}));
		expect(error.message).toBe('no node matches -l "pool=gpu"');
		expect(error.hint).toContain('--show-labels');
	});

	it('the selector\'s syntax is checked before the cluster is asked', () => {
		expect(() => checkSelection({nodes: [], selector: 'env in (prod,staging)'})).not.toThrow();
		expect(usageErrorOf(() => checkSelection({nodes: [], selector: 'env in prod'})).message).toContain('-l/--selector');
	});
});
