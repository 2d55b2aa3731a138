import {describe, expect, it} from 'vitest';
import {nodesToHold} from '../../source/engine/roll-out.ts';
import type {ProxyState} from '../../source/inventory/types.ts';
import {labelKeys} from '../../source/manifests/names.ts';
import type {RolloutPlan} from '../../source/plan/types.ts';
import {nodeInfo} from '../inventory/node-info.ts';

const hold = labelKeys.hold;

function plan(batches: string[][], mode: RolloutPlan['mode'] = 'node-by-node'): RolloutPlan {
	return {operation: 'apply', mode, parallel: 1, timeoutMs: 1, batches, upToDate: [], skipped: [], disruptions: []};
}

const states: ProxyState[] = ['configured', 'stale', 'held', 'pending', 'failed', 'unconfigured', 'skipped'];
const everyState = states.map(state => nodeInfo(state, {state}));

describe('nodesToHold (run-apply)', () => {
	it('says why: queued targets apart from nodes the user did not pick', () => {
		const nodes = [nodeInfo('picked'), nodeInfo('other')];
		expect(nodesToHold(plan([['picked']]), nodes, hold)).toEqual({queued: ['picked'], notPicked: ['other']});
	});

	it('node by node: holds targets that would get a new pod (unconfigured, failed)', () => {
		const targets = plan([['unconfigured'], ['failed'], ['stale'], ['pending'], ['held']]);
		expect(nodesToHold(targets, everyState, hold)).toEqual({queued: ['failed', 'unconfigured'], notPicked: []});
	});

	it('all at once: holds no target', () => {
		const targets = plan([['unconfigured', 'failed', 'stale']], 'all');
		expect(nodesToHold(targets, everyState, hold)).toEqual({queued: [], notPicked: []});
	});

	it('holds unconfigured nodes the user did not pick, in either mode, so no pod lands there', () => {
		for (const mode of ['node-by-node', 'all'] as const) {
			expect(nodesToHold(plan([], mode), everyState, hold), mode).toEqual({queued: [], notPicked: ['unconfigured']});
		}
	});

	it('leaves untargeted nodes in other states alone (their pods keep running)', () => {
		const nodes = ['configured', 'stale', 'pending', 'failed'].map(state => nodeInfo(state, {state: state as ProxyState}));
		expect(nodesToHold(plan([]), nodes, hold)).toEqual({queued: [], notPicked: []});
	});

	it('never holds skipped nodes, targeted or not', () => {
		const skipped = nodeInfo('win', {state: 'skipped', os: 'windows'});
		expect(nodesToHold(plan([['win']]), [skipped], hold)).toEqual({queued: [], notPicked: []});
		expect(nodesToHold(plan([]), [skipped], hold)).toEqual({queued: [], notPicked: []});
	});

	it('skips nodes that already carry the hold label, whatever its value', () => {
		const nodes = [nodeInfo('a', {labels: {[hold]: 'true'}}), nodeInfo('b', {labels: {[hold]: ''}}), nodeInfo('c')];
		expect(nodesToHold(plan([['a'], ['b'], ['c']]), nodes, hold).queued).toEqual(['c']);
	});

	it('looks at the label it is given', () => {
		const nodes = [nodeInfo('a', {labels: {[hold]: 'true'}})];
		expect(nodesToHold(plan([['a']]), nodes, labelKeys.removeHold).queued).toEqual(['a']);
	});

	it('keeps inventory order', () => {
		const nodes = ['z', 'a', 'm'].map(name => nodeInfo(name));
		expect(nodesToHold(plan([['a'], ['m'], ['z']]), nodes, hold).queued).toEqual(['z', 'a', 'm']);
	});
});
