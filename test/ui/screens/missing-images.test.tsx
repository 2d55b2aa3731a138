// Nodes that do not list the injector's images yet: the interactive plan
// names them and says what to do, the same words the plain output prints.
import {afterEach, expect, test} from 'vitest';
import {loadRecording, type Recording} from '../recorded-engine.ts';
import {type AppUi, renderApp} from '../render-ui.tsx';

let ui: AppUi | undefined;
afterEach(async () => {
	await ui?.close();
	ui = undefined;
});

test('the plan names the nodes that do not list the images, and the flags that help', async () => {
	const threeNodes = loadRecording('three-node-rollout');
	const imagesMissing = [{images: ['mirror.example/script:1', 'mirror.example/pause:1'], nodes: ['node-1', 'node-3']}];
	const recording: Recording = {...threeNodes, plan: {...threeNodes.plan, imagesMissing}};
	ui = renderApp(recording, {initial: {screen: 'apply', selection: {nodes: ['node-1', 'node-2', 'node-3']}, yes: false}});
	const frame = (await ui.waitFor('Type 3')).replaceAll(/\s+/g, ' ');
	expect(frame).toContain('Images not listed on 2 node(s) (mirror.example/script:1, mirror.example/pause:1): node-1, node-3.');
	expect(frame).toContain('Pass both from a registry those nodes reach, or pre-pull them.');
	expect(frame).toContain('Pods disrupted by the restarts');
});
