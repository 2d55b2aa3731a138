// --verify-image in the interactive view: the plan says what it adds, and a
// node whose image is being pulled shows that phase.
import {afterEach, expect, test} from 'vitest';
import {loadRecording, type Recording} from '../recorded-engine.ts';
import {type AppUi, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

const image = 'registry.corp.example/tools/hello:1';

test('the plan says that a node is done only once it has pulled the image', async () => {
	const threeNodes = loadRecording('three-node-rollout');
	const recording: Recording = {...threeNodes, plan: {...threeNodes.plan, verifyImage: image}};
	ui = renderApp(recording, {initial: {screen: 'apply', selection: {nodes: ['node-1', 'node-2', 'node-3']}, yes: false}});
	const frame = await ui.waitFor('Type 3');
	expect(frame.replaceAll(/\s+/g, ' ')).toContain(`--verify-image: a node is done only once it has pulled ${image} (imagePullPolicy Always)`);
});

test('a node pulling the image shows that phase', async () => {
	const stuckPull = loadRecording('stuck-pull');
	// The same run, but the node's script is done and its runtime is pulling the --verify-image image.
	const run = stuckPull.run.map(entry => 'event' in entry && entry.event.type === 'node-phase' && entry.event.phase === 'pulling' ? {...entry, event: {...entry.event, phase: 'verifying' as const}} : entry);
	ui = renderApp({...stuckPull, run}, {initial: {screen: stuckPull.plan.operation, selection: {nodes: stuckPull.plan.batches.flat()}, yes: true}});
	await ui.waitFor(/node-1\s+pulling the --verify-image image\s+\ds/);
});
