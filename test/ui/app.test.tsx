import {afterEach, expect, test} from 'vitest';
import {OperationError, UsageError} from '../../source/errors.ts';
import {loadRecording} from './recorded-engine.ts';
import {type AppUi, keys, renderApp} from './render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const threeNodes = loadRecording('three-node-rollout');

test('home -> remove -> plan (every node, nothing to pick) -> confirm -> rollout -> summary, with the options given', async () => {
	ui = renderApp(threeNodes, {initial: {rollout: {mode: 'node-by-node', parallel: 2, timeoutMs: 60_000}}});
	await ui.waitFor('node-3');
	await ui.press('r');
	await ui.waitFor('Type 3');
	expect(ui.engine.log.plans).toEqual([{operation: 'remove', selection: {nodes: []}, rollout: {mode: 'node-by-node', parallel: 2, timeoutMs: 60_000}}]);
	await ui.press('3');
	await ui.waitFor('> 3_');
	await ui.press(keys.enter);
	await ui.waitFor('Batch 2 of 3');
	await ui.press('C');
	expect(await ui.exited()).toBe(0);
	expect(ui.frame()).toContain('done 3 · failed 0 · skipped 1 · held 0');
});

test('Esc in the picker goes back home', async () => {
	ui = renderApp(threeNodes);
	await ui.waitFor('node-3');
	await ui.press('a');
	await ui.waitFor('pick the nodes');
	await ui.press(keys.escape);
	await ui.waitFor('[s] status (refresh)');
	expect(ui.exitCode()).toBeUndefined();
});

test('an engine error is shown with its hint and ends with its exit code', async () => {
	ui = renderApp(threeNodes, {
		adapt: engine => ({
			...engine,
			async inventory() {
				throw new OperationError('Cannot list nodes: forbidden.', 'Ask for the nodes/list permission.');
			},
		}),
	});
	const frame = await ui.waitFor('Ask for the nodes/list permission.');
	expect(frame).toContain('✗ error Cannot list nodes: forbidden.');
	expect(await ui.exited()).toBe(1);
});

test('a usage error from the plan ends with 2', async () => {
	ui = renderApp(threeNodes, {
		initial: {screen: 'apply', selection: {nodes: ['node-1']}},
		adapt: engine => ({
			...engine,
			async plan() {
				throw new UsageError('--parallel must be at least 1.');
			},
		}),
	});
	await ui.waitFor('--parallel must be at least 1.');
	expect(await ui.exited()).toBe(2);
});

test('a stopped session (SIGTERM) ends the app with 130', async () => {
	ui = renderApp(threeNodes);
	await ui.waitFor('node-3');
	ui.lifecycle.abort();
	expect(await ui.exited()).toBe(130);
});
