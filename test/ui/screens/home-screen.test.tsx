import {afterEach, expect, test} from 'vitest';
import {largeInventory} from '../fixtures/large-inventory.ts';
import {loadRecording, type Recording} from '../recorded-engine.ts';
import {type AppUi, keys, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const threeNodes = loadRecording('three-node-rollout');

test('shows the session, the proxy settings and every node with its state', async () => {
	ui = renderApp(threeNodes);
	const frame = await ui.waitFor('node-3');
	expect(frame).toContain('context kind-proxy-lab');
	expect(frame).toContain('namespace kube-system');
	expect(frame).toContain('HTTPS_PROXY http://builder:***@proxy.corp.example:3128');
	expect(frame).toContain('NO_PROXY    localhost,127.0.0.1,.svc,.cluster.local');
	expect(frame).toMatch(/node-2\s+Ready\s+linux\/amd64\s+containerd:\/\/1\.7\.24\s+2 pods\s+○ unconfigured/);
	expect(frame).toMatch(/node-3 .*~ stale/);
	expect(frame).toMatch(/win-1 .*windows\/amd64 .*⊘ skipped: windows node/);
	expect(frame).toContain('[a] apply');
});

test('q leaves with 0 and s reads the nodes again', async () => {
	ui = renderApp(threeNodes);
	await ui.waitFor('node-3');
	await ui.press('s');
	const engine = ui.engine;
	await ui.waitFor(() => engine.log.inventoryCalls === 2);
	await ui.waitFor('node-3');
	await ui.press('q');
	expect(await ui.exited()).toBe(0);
});

test('Ctrl-C before any change leaves with 130', async () => {
	ui = renderApp(threeNodes);
	await ui.waitFor('node-3');
	await ui.press(keys.ctrlC);
	expect(await ui.exited()).toBe(130);
});

test('5,000 nodes render only a window around the cursor, and the window follows a resize', async () => {
	const large: Recording = {...threeNodes, nodes: largeInventory(5000)};
	ui = renderApp(large, {rows: 24});
	let frame = await ui.waitFor('node-0000');
	expect(frame.split('\n').length).toBeLessThanOrEqual(24);
	expect(frame).toContain('nodes 1-');
	expect(frame).toContain('of 5000');

	await ui.press(keys.end);
	frame = await ui.waitFor('node-4999');
	expect(frame).not.toContain('node-0000');
	expect(frame).toMatch(/❯\s+node-4999/);
	expect(frame.split('\n').length).toBeLessThanOrEqual(24);

	ui.resize(40);
	frame = await ui.waitFor(current => current.split('\n').length > 24);
	expect(frame.split('\n').length).toBeLessThanOrEqual(40);
	expect(frame).toMatch(/❯\s+node-4999/);
});

test('without proxy flags, apply explains what is missing instead of failing', async () => {
	const {httpProxy: _http, httpsProxy: _https, ...session} = threeNodes.session;
	ui = renderApp({...threeNodes, session: {...session, noProxy: []}});
	await ui.waitFor('node-3');
	expect(ui.frame()).toContain('apply (needs --https-proxy)');
	await ui.press('a');
	const frame = await ui.waitFor('apply needs a proxy');
	expect(frame).toContain('node-3');
	expect(ui.engine.log.plans).toEqual([]);
});

test('with -w the table follows the watch: a changed row shows without a key, and there is no refresh key', async () => {
	ui = renderApp(threeNodes, {initial: {watch: true}});
	let frame = await ui.waitFor('node-3');
	expect(frame).toMatch(/node-2 .*○ unconfigured/);
	expect(frame).toContain('live: rows follow the cluster');
	expect(frame).not.toContain('[s]');
	expect(ui.engine.log.inventoryCalls).toBe(0);

	ui.engine.pushNodes(threeNodes.nodes.map(node => (node.name === 'node-2' ? {...node, state: 'held' as const, reason: 'waiting for its turn in the rollout'} : node)));
	frame = await ui.waitFor(/node-2 .*‖ held/);
	await ui.press('s');
	expect(ui.engine.log.inventoryCalls).toBe(0);
	await ui.press('q');
	expect(await ui.exited()).toBe(0);

	// Leaving ends the watch: no connection outlives the view.
	const {engine} = ui;
	await ui.close();
	ui = undefined;
	expect(engine.log.watches).toBe(1);
	expect(engine.log.watchesEnded).toBe(1);
});

test('with -w the watch ends when the rollout starts: it is only for the screens that show nodes', async () => {
	ui = renderApp(threeNodes, {initial: {watch: true, screen: 'home'}});
	await ui.waitFor('node-3');
	expect(ui.engine.log.watches).toBe(1);
	await ui.press('r');
	const engine = ui.engine;
	await ui.waitFor(() => engine.log.watchesEnded === 1);
});
