import {expect, test} from 'vitest';
import {filterNodes, initialSelection, toSelection, updateSelection} from '../../../source/ui/state/selection.ts';
import {loadRecording} from '../recorded-engine.ts';

const nodes = loadRecording('three-node-rollout').nodes;

test('starts with the named nodes, the selector\'s, or every selectable one', () => {
	expect([...initialSelection(nodes, {nodes: ['node-2', 'win-1']}).checked]).toEqual(['node-2']);
	expect([...initialSelection(nodes, {nodes: [], selector: 'pool=gpu'}).checked]).toEqual(['node-2']);
	expect([...initialSelection(nodes, {nodes: []}).checked]).toEqual(['node-1', 'node-2', 'node-3']);
});

test('-l means a label selector here as everywhere, not the / filter\'s name parts', () => {
	expect([...initialSelection(nodes, {nodes: [], selector: 'pool in (gpu,web)'}).checked]).toEqual(['node-2']);
	expect([...initialSelection(nodes, {nodes: [], selector: '!pool'}).checked]).toEqual(['node-1', 'node-3']);
	expect([...initialSelection(nodes, {nodes: ['node-1', 'node-2'], selector: 'pool=gpu'}).checked]).toEqual(['node-2']);
});

test('the cursor stays inside the list', () => {
	const state = initialSelection(nodes, {nodes: []});
	expect(updateSelection(state, {type: 'move', by: -1}, nodes).cursor).toBe(0);
	expect(updateSelection(state, {type: 'move-to', index: 99}, nodes).cursor).toBe(3);
	expect(updateSelection(state, {type: 'move', by: 2}, nodes).cursor).toBe(2);
});

test('toggle ignores skipped nodes; all and none act on the visible nodes only', () => {
	let state = updateSelection(initialSelection(nodes, {nodes: []}), {type: 'move-to', index: 3}, nodes);
	expect(updateSelection(state, {type: 'toggle'}, nodes)).toBe(state);

	const gpu = filterNodes(nodes, 'pool=gpu');
	state = updateSelection(state, {type: 'none'}, gpu);
	expect([...state.checked]).toEqual(['node-1', 'node-3']);
	state = updateSelection(updateSelection(state, {type: 'none'}, nodes), {type: 'all'}, gpu);
	expect([...state.checked]).toEqual(['node-2']);
});

test('a new filter puts the cursor back on top', () => {
	const state = updateSelection(initialSelection(nodes, {nodes: []}), {type: 'move', by: 2}, nodes);
	expect(updateSelection(state, {type: 'filter', text: 'node'}, nodes)).toMatchObject({cursor: 0, filter: 'node'});
});

test('every selectable node picked plans the whole cluster; fewer plans them by name', () => {
	const all = initialSelection(nodes, {nodes: []});
	expect(toSelection(all, nodes)).toEqual({nodes: []});
	const some = updateSelection(all, {type: 'toggle'}, nodes);
	expect(toSelection(some, nodes)).toEqual({nodes: ['node-2', 'node-3']});
});
