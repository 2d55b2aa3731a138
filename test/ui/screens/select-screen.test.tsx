import {afterEach, expect, test} from 'vitest';
import {largeInventory} from '../fixtures/large-inventory.ts';
import {loadRecording} from '../recorded-engine.ts';
import {type AppUi, keys, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const threeNodes = loadRecording('three-node-rollout');

function row(frame: string, name: string): string {
	return frame.split('\n').find(line => line.includes(` ${name} `)) ?? '';
}

async function openPicker(): Promise<AppUi> {
	ui = renderApp(threeNodes, {initial: {screen: 'apply'}});
	await ui.waitFor('pick the nodes');
	return ui;
}

test('starts with every selectable node picked; the skipped one is greyed with its reason', async () => {
	const picker = await openPicker();
	const frame = picker.frame();
	expect(frame).toContain('(3 of 3 selected)');
	expect(row(frame, 'node-1')).toContain('[x]');
	expect(row(frame, 'win-1')).toContain('[-]');
	expect(row(frame, 'win-1')).toContain('skipped: windows node');
});

test('space toggles the row under the cursor, j/k and arrows move, n and a clear and pick all', async () => {
	const picker = await openPicker();
	await picker.press(' ');
	await picker.waitFor('(2 of 3 selected)');
	expect(row(picker.frame(), 'node-1')).toContain('[ ]');

	await picker.press('j');
	await picker.waitFor(frame => row(frame, 'node-2').includes('❯'));
	await picker.press(keys.down);
	await picker.waitFor(frame => row(frame, 'node-3').includes('❯'));
	await picker.press('k');
	await picker.waitFor(frame => row(frame, 'node-2').includes('❯'));
	await picker.press(' ');
	await picker.waitFor('(1 of 3 selected)');

	await picker.press('n');
	await picker.waitFor('(0 of 3 selected)');
	await picker.press('a');
	await picker.waitFor('(3 of 3 selected)');
	expect(row(picker.frame(), 'win-1')).toContain('[-]');
});

test('a skipped node cannot be picked, and says why', async () => {
	const picker = await openPicker();
	await picker.press(keys.end);
	await picker.waitFor(frame => row(frame, 'win-1').includes('❯'));
	await picker.press(' ');
	const frame = await picker.waitFor('win-1 is skipped: windows node');
	expect(frame).toContain('(3 of 3 selected)');
	expect(row(frame, 'win-1')).toContain('[-]');
});

test('/ filters by name and by label; n then only clears what the filter shows', async () => {
	const picker = await openPicker();
	await picker.press('/');
	await picker.waitFor('[enter] keep filter');
	await picker.press('pool=gpu');
	let frame = await picker.waitFor('(1 match,');
	expect(row(frame, 'node-2')).not.toBe('');
	expect(row(frame, 'node-1')).toBe('');

	await picker.press(keys.enter);
	await picker.waitFor('[space] toggle');
	await picker.press('n');
	frame = await picker.waitFor('(2 of 3 selected)');

	await picker.press('/');
	await picker.waitFor('[enter] keep filter');
	for (let index = 0; index < 'pool=gpu'.length; index++) {
		await picker.press(keys.backspace);
	}

	await picker.press('NODE-3');
	frame = await picker.waitFor('(1 match,');
	expect(row(frame, 'node-3')).not.toBe('');

	await picker.press(keys.escape);
	frame = await picker.waitFor('/ filters by name');
	expect(row(frame, 'node-1')).not.toBe('');
	expect(frame).toContain('(2 of 3 selected)');
});

test('Enter plans exactly the picked nodes; with none picked it refuses', async () => {
	const picker = await openPicker();
	await picker.press('n');
	await picker.waitFor('(0 of 3 selected)');
	await picker.press(keys.enter);
	await picker.waitFor('Pick at least one node');
	expect(picker.engine.log.plans).toEqual([]);

	await picker.press('j');
	await picker.waitFor(frame => row(frame, 'node-2').includes('❯'));
	await picker.press(' ');
	await picker.waitFor('(1 of 3 selected)');
	await picker.press(keys.enter);
	// The stand-in engine answers with its recorded plan; what matters is what it was asked.
	await picker.waitFor('Type 3');
	expect(picker.engine.log.plans[0]?.selection).toEqual({nodes: ['node-2']});
	expect(picker.engine.log.plans[0]?.operation).toBe('apply');
});

test('all nodes picked plans the whole cluster (an empty selection)', async () => {
	const picker = await openPicker();
	await picker.press(keys.enter);
	await picker.waitFor('Type 3');
	expect(picker.engine.log.plans[0]?.selection).toEqual({nodes: []});
});

test('nodes named on the command line start picked', async () => {
	ui = renderApp(threeNodes, {initial: {screen: 'home', selection: {nodes: ['node-3']}}});
	await ui.waitFor('node-3');
	await ui.press('a');
	const frame = await ui.waitFor('(1 of 3 selected)');
	expect(row(frame, 'node-3')).toContain('[x]');
	expect(row(frame, 'node-1')).toContain('[ ]');
});

test('5,000 nodes: the picker shows a screenful and the filter narrows it', async () => {
	ui = renderApp({...threeNodes, nodes: largeInventory(5000)}, {initial: {screen: 'apply'}, rows: 20});
	let frame = await ui.waitFor('(4900 of 4900 selected)');
	expect(frame.split('\n').length).toBeLessThanOrEqual(20);
	await ui.press(keys.pageDown);
	frame = await ui.waitFor(current => /❯ \[x\] node-00(0[7-9]|1\d)/.test(current));
	expect(frame.split('\n').length).toBeLessThanOrEqual(20);
	await ui.press('/');
	await ui.waitFor('[enter] keep filter');
	await ui.press('node-49 pool=gpu');
	// node-4900 to node-4999 in the gpu pool: every third one.
	frame = await ui.waitFor('(34 matches,');
	expect(frame).toContain('node-4900');
	expect(frame).not.toContain('node-4901');
});
