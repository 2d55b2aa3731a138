import {afterEach, expect, test} from 'vitest';
import {loadRecording, type Recording} from '../recorded-engine.ts';
import {type AppUi, keys, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const threeNodes = loadRecording('three-node-rollout');
const failingNode = loadRecording('failing-node');
const stuckPull = loadRecording('stuck-pull');

/** Straight into the rollout: nodes named and `yes`, as `apply --nodes … --yes` in a terminal. */
function startRollout(recording: Recording): AppUi {
	ui = renderApp(recording, {initial: {screen: recording.plan.operation, selection: {nodes: recording.plan.batches.flat()}, yes: true}});
	return ui;
}

test('node by node: c continues batch after batch, finished nodes are printed once, then the summary', async () => {
	const rollout = startRollout(threeNodes);
	let frame = await rollout.waitFor('Batch 2 of 3');
	expect(frame).toContain('ConfigMap proxyinject-config created');
	expect(frame).toMatch(/✓ done\s+node-1\s+12s/);
	expect(frame).toContain('is next: 1 node (node-2)');
	expect(frame).toMatch(/\] 1\/3 +done 1 · failed 0 · skipped 1 · held 2 · in progress 0 · ETA /);

	await rollout.press('c');
	await rollout.waitFor('Batch 3 of 3');
	await rollout.press('c');
	expect(await rollout.exited()).toBe(0);
	frame = rollout.frame();
	expect(frame.match(/✓ done\s+node-1/g)).toHaveLength(1);
	expect(frame).toMatch(/✓ done\s+node-3\s+11s/);
	expect(frame).toContain('✓ Done: apply the proxy, 2m 05s');
	expect(frame).toContain('done 3 · failed 0 · skipped 1 · held 0');
	expect(rollout.engine.log.answers).toEqual(['batch:continue', 'batch:continue']);
});

test('C continues without asking again', async () => {
	const rollout = startRollout(threeNodes);
	await rollout.waitFor('Batch 2 of 3');
	await rollout.press('C');
	expect(await rollout.exited()).toBe(0);
	expect(rollout.frame()).not.toContain('Batch 3 of 3');
	expect(rollout.engine.log.answers).toEqual(['batch:continue-all', 'batch:continue']);
});

test('p pauses: the rest stay held and the summary gives the command that resumes', async () => {
	const rollout = startRollout(threeNodes);
	await rollout.waitFor('Batch 2 of 3');
	await rollout.press('p');
	expect(await rollout.exited()).toBe(130);
	const frame = rollout.frame();
	expect(frame).toContain('‖ Stopped: apply the proxy');
	expect(frame).toContain('done 1 · failed 0 · skipped 1 · held 2');
	expect(frame).toContain('To go on or undo: kubectl proxyinject apply --nodes node-2,node-3');
	expect(rollout.engine.log.answers).toEqual(['batch:pause']);
});

test('a failing node opens its details; s skips it and the rollout finishes', async () => {
	const rollout = startRollout(failingNode);
	let frame = await rollout.waitFor('node-b failed: host script failed');
	expect(frame).toContain('exit code: 3');
	expect(frame).toContain('last 3 lines of the log:');
	expect(frame).toContain('Job for docker.service failed because the control process exited with error code.');
	expect(frame).toContain('[r] retry');
	expect(frame).toMatch(/✗ failed\s+node-b \(exit 3\): host script failed\s+14s/);

	await rollout.press('s');
	expect(await rollout.exited()).toBe(1);
	frame = rollout.frame();
	expect(frame).not.toContain('[r] retry');
	expect(frame).toContain('✗ Failed: apply the proxy, 16s');
	expect(frame).toContain('done 1 · failed 0 · skipped 1 · held 0');
	expect(frame).toContain('kubectl proxyinject apply --nodes node-b');
	expect(rollout.engine.log.answers).toEqual(['failure:skip']);
});

test('r retries the failed node', async () => {
	const rollout = startRollout(failingNode);
	await rollout.waitFor('node-b failed: host script failed');
	await rollout.press('r');
	expect(await rollout.exited()).toBe(0);
	expect(rollout.frame()).toMatch(/✓ done\s+node-b\s+4s/);
	expect(rollout.engine.log.answers).toEqual(['failure:retry']);
});

test('Ctrl-C once asks; k keeps going, s stops releasing nodes and exits', async () => {
	const rollout = startRollout(threeNodes);
	await rollout.waitFor('Batch 2 of 3');
	await rollout.press(keys.ctrlC);
	let frame = await rollout.waitFor('Stop the rollout?');
	expect(frame).not.toContain('Batch 2 of 3');
	expect(rollout.exitCode()).toBeUndefined();

	await rollout.press('k');
	frame = await rollout.waitFor('Batch 2 of 3');
	expect(frame).not.toContain('Stop the rollout?');

	await rollout.press(keys.ctrlC);
	await rollout.waitFor('Stop the rollout?');
	await rollout.press('s');
	expect(await rollout.exited()).toBe(130);
	expect(rollout.frame()).toContain('held 2');
	expect(rollout.engine.log.answers).toEqual(['batch:pause']);
	expect(rollout.engine.log.aborted).toBe(false);
});

test('Ctrl-C twice aborts the engine and exits at once', async () => {
	const rollout = startRollout(threeNodes);
	await rollout.waitFor('Batch 2 of 3');
	await rollout.press(keys.ctrlC);
	await rollout.waitFor('Stop the rollout?');
	await rollout.press(keys.ctrlC);
	expect(await rollout.exited()).toBe(130);
	expect(rollout.engine.log.aborted).toBe(true);
	expect(rollout.engine.log.answers).toEqual(['batch:abort']);
});

test('a node in progress shows its phase and time; Ctrl-C twice does not wait for it, the cleanup still runs', async () => {
	const rollout = startRollout(stuckPull);
	let frame = await rollout.waitFor(/node-1\s+pulling the image\s+\ds/);
	expect(frame).toContain('Remove the proxy · all nodes at once · batch 1/1');
	expect(frame).toContain('in progress 1');
	expect(frame).toContain('ETA ?');

	await rollout.press(keys.ctrlC);
	await rollout.waitFor('Stop the rollout?');
	await rollout.press(keys.ctrlC);
	expect(await rollout.exited()).toBe(130);
	expect(rollout.engine.log.aborted).toBe(true);

	await rollout.close();
	expect(rollout.engine.log.finished).toBe(true);
	frame = rollout.frame();
	// The closing event came after the app had exited: it is not drawn.
	expect(frame).not.toContain('still starting');
});

test('without color or Unicode every state still reads: ASCII symbols and words, no color codes', async () => {
	ui = renderApp(threeNodes, {
		initial: {screen: 'apply', selection: {nodes: ['node-1']}, yes: true},
		terminal: {color: false, unicode: false, animate: false},
	});
	await ui.waitFor('Batch 2 of 3');
	await ui.press('C');
	expect(await ui.exited()).toBe(0);
	const frame = ui.frame();
	expect(frame).toMatch(/\+ done\s+node-1/);
	expect(frame).toContain('+ Done: apply the proxy');
	expect(frame).toContain('done 3 | failed 0 | skipped 1');
	expect(frame).toMatch(/\[#+\] 3\/3/);
	expect(frame).not.toMatch(/[✓✗‖█░·]/u);
	expect(ui.rawFrame()).not.toMatch(/\u001B\[(3\d|9\d|2)m/);
});

test('x at the batch prompt aborts the rollout', async () => {
	const rollout = startRollout(threeNodes);
	await rollout.waitFor('Batch 2 of 3');
	await rollout.press('x');
	expect(await rollout.exited()).toBe(130);
	expect(rollout.engine.log.answers).toEqual(['batch:abort']);
});

test('the spinner of a node in progress moves', async () => {
	const rollout = startRollout(stuckPull);
	const spinnerOf = (frame: string) => /(\S) node-1\s+pulling/.exec(frame)?.[1];
	const first = spinnerOf(await rollout.waitFor(/node-1\s+pulling/));
	const next = await rollout.waitFor(frame => {
		const current = spinnerOf(frame);
		return current !== undefined && current !== first;
	});
	expect(spinnerOf(next)).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/u);
});

test('--drain: a node being drained says so; Ctrl-C twice stops it and exits', async () => {
	const at = 1_767_225_600_000;
	const recording: Recording = {
		...failingNode,
		plan: {...failingNode.plan, drainTimeoutMs: 60_000},
		run: [
			failingNode.run[0]!,
			failingNode.run[1]!,
			{event: {at, type: 'node-phase', node: 'node-a', phase: 'draining'}},
			{event: {at, type: 'node-phase', node: 'node-b', phase: 'draining'}},
			{
				wait: 'abort',
				then: [{event: {at: at + 5000, type: 'finished', outcome: 'interrupted', done: [], failed: [], held: ['node-a', 'node-b'], inFlight: [], skipped: [], next: 'kubectl proxyinject apply --drain --yes'}}],
			},
		],
	};
	const rollout = startRollout(recording);
	const frame = await rollout.waitFor(/node-b\s+cordoned, evicting its pods/);
	expect(frame).toMatch(/node-a\s+cordoned, evicting its pods/);
	expect(frame).toContain('in progress 2');
	await rollout.press(keys.ctrlC);
	await rollout.waitFor('Stop the rollout?');
	await rollout.press(keys.ctrlC);
	expect(await rollout.exited()).toBe(130);
	expect(rollout.engine.log.aborted).toBe(true);
});
