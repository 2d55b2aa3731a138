import {afterEach, expect, test} from 'vitest';
import {loadRecording, type Recording} from '../recorded-engine.ts';
import {type AppUi, keys, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const threeNodes = loadRecording('three-node-rollout');

async function openPlan(recording: Recording = threeNodes, yes = false): Promise<AppUi> {
	ui = renderApp(recording, {initial: {screen: 'apply', selection: {nodes: ['node-1', 'node-2', 'node-3']}, yes}});
	return ui;
}

test('shows what is written where, which runtimes restart, the pods each node disrupts, mode and parallelism', async () => {
	const plan = await openPlan();
	const frame = await plan.waitFor('Type 3');
	expect(frame).toContain('Apply the proxy on 3 nodes, node by node, 1 at a time (3 batches)');
	expect(frame).toContain('write /etc/systemd/system/containerd.service.d/http-proxy.conf on 3 nodes, then restart containerd');
	expect(frame).toContain('HTTPS_PROXY=http://builder:***@proxy.corp.example:3128');
	expect(frame).toContain('NO_PROXY=localhost,127.0.0.1,.svc,.cluster.local');
	expect(frame).toContain('Pods disrupted by the restarts: 6 in total');
	expect(frame).toMatch(/node-2\s+containerd\s+2 pods/);
	expect(frame).toContain('Skipped: win-1 (windows node)');
	expect(plan.engine.log.plans).toEqual([{operation: 'apply', selection: {nodes: ['node-1', 'node-2', 'node-3']}, rollout: {mode: 'node-by-node', parallel: 1, timeoutMs: 300_000}}]);
});

test('Enter alone never confirms', async () => {
	const plan = await openPlan();
	await plan.waitFor('Type 3');
	await plan.press(keys.enter);
	await plan.waitFor('Enter alone does not confirm');
	expect(plan.engine.log.runs).toBe(0);
});

test('a wrong number is refused and cleared; the right one starts the rollout', async () => {
	const plan = await openPlan();
	await plan.waitFor('Type 3');
	await plan.press('2');
	await plan.waitFor('> 2_');
	await plan.press(keys.enter);
	await plan.waitFor('That is not 3 or yes');
	expect(plan.frame()).toContain('> _');
	expect(plan.engine.log.runs).toBe(0);

	await plan.press('3');
	await plan.waitFor('> 3_');
	await plan.press(keys.enter);
	await plan.waitFor('Batch 2 of 3');
	expect(plan.engine.log.runs).toBe(1);
});

test('"yes" confirms too, and backspace edits what was typed', async () => {
	const plan = await openPlan();
	await plan.waitFor('Type 3');
	await plan.press('yez');
	await plan.waitFor('> yez_');
	await plan.press(keys.backspace);
	await plan.waitFor('> ye_');
	await plan.press('s');
	await plan.waitFor('> yes_');
	await plan.press(keys.enter);
	await plan.waitFor('Batch 2 of 3');
	expect(plan.engine.log.runs).toBe(1);
});

test('text and Enter in one input chunk confirm (a pasted "yes⏎", a driver sending "3" and Enter together)', async () => {
	const plan = await openPlan();
	await plan.waitFor('Type 3');
	await plan.press('3\r');
	await plan.waitFor('Batch 2 of 3');
	expect(plan.engine.log.runs).toBe(1);
});

test('a wrong answer with Enter in one chunk is refused', async () => {
	const plan = await openPlan();
	await plan.waitFor('Type 3');
	await plan.press('yep\r');
	await plan.waitFor('That is not 3 or yes');
	expect(plan.engine.log.runs).toBe(0);
});

test('Esc goes back to the picker with the same nodes picked', async () => {
	ui = renderApp(threeNodes, {initial: {screen: 'apply', selection: {nodes: ['node-2']}}});
	await ui.waitFor('Type 3');
	await ui.press(keys.escape);
	const frame = await ui.waitFor('pick the nodes');
	expect(frame).toContain('(1 of 3 selected)');
	expect(ui.engine.log.runs).toBe(0);
});

test('with yes the plan runs without asking', async () => {
	const plan = await openPlan(threeNodes, true);
	await plan.waitFor('Batch 2 of 3');
	expect(plan.engine.log.runs).toBe(1);
});

test('a plan with nothing to change says so and leaves with 0 on Enter', async () => {
	const upToDate: Recording = {...threeNodes, plan: {...threeNodes.plan, batches: [], disruptions: [], upToDate: ['node-1', 'node-2', 'node-3']}};
	const plan = await openPlan(upToDate);
	await plan.waitFor('Nothing to do: 3 nodes already up to date.');
	await plan.press(keys.enter);
	expect(await plan.exited()).toBe(0);
	expect(plan.engine.log.runs).toBe(0);
});

test('--ca-file: each trusted CA is named with its expiry, its text shown harmless', async () => {
	const trustedCa = ['O=Example Corp, CN=Example Proxy CA (expires 2125-01-01)', 'CN=Odd\u001b[2J CA (expires 2030-01-01)'];
	const plan = await openPlan({...threeNodes, session: {...threeNodes.session, trustedCa}});
	const frame = await plan.waitFor('Type 3');
	expect(frame).toContain('Trusted CA (besides the system roots): O=Example Corp, CN=Example Proxy CA (expires 2125-01-01)');
	expect(frame).toContain('Trusted CA (besides the system roots): CN=Odd\\x1b[2J CA (expires 2030-01-01)');
});

test('with --drain the plan says each node is cordoned and drained first', async () => {
	const plan = await openPlan({...threeNodes, plan: {...threeNodes.plan, drainTimeoutMs: 120_000}});
	const frame = await plan.waitFor('Type 3');
	expect(frame).toContain('--drain: cordon and drain each node first (budgets respected, at most 120s); uncordon it when done.');
});
