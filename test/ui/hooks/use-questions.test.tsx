import {afterEach, expect, test} from 'vitest';
import type {Engine} from '../../../source/engine/engine.ts';
import type {EngineEvent} from '../../../source/engine/events.ts';
import {createLifecycle} from '../../../source/lifecycle.ts';
import {RolloutScreen} from '../../../source/ui/screens/rollout-screen.tsx';
import {loadRecording} from '../recorded-engine.ts';
import {renderUi, type Ui} from '../render-ui.tsx';
import {waitFor} from '../wait-for.ts';

let ui: Ui | undefined;
afterEach(() => {
	ui?.unmount();
	ui = undefined;
});

const {session, plan} = loadRecording('failing-node');
const failure = (reason: string) => ({exitCode: 1, reason, logTail: []});

test('two nodes failing at once are asked about one at a time, each answer to its own node', async () => {
	const answers: string[] = [];
	const engine: Engine = {
		session,
		inventory: async () => [],
		plan: async () => plan,
		async * run(_plan, controls) {
			const at = Date.now();
			yield {type: 'node-failed', at, node: 'node-a', failure: failure('image pull failed')} satisfies EngineEvent;
			yield {type: 'node-failed', at, node: 'node-b', failure: failure('script failed')} satisfies EngineEvent;
			const decisions = await Promise.all([controls.onFailure('node-a', failure('image pull failed')), controls.onFailure('node-b', failure('script failed'))]);
			answers.push(...decisions);
			yield {type: 'finished', at, outcome: 'failed', done: [], failed: ['node-a'], held: [], inFlight: [], skipped: ['node-b']} satisfies EngineEvent;
		},
	};
	const lifecycle = createLifecycle();
	let code: number | undefined;
	ui = renderUi(<RolloutScreen engine={engine} plan={plan} lifecycle={lifecycle} onExit={exitCode => (code = exitCode)} />);

	let frame = await ui.waitFor('node-a failed: image pull failed');
	expect(frame).not.toContain('node-b failed: script failed');
	await ui.press('q');
	frame = await ui.waitFor('node-b failed: script failed');
	expect(frame).not.toContain('node-a failed: image pull failed');
	await ui.press('s');
	await waitFor(() => code, () => 'the rollout to end');
	expect(answers).toEqual(['stop', 'skip']);
	expect(code).toBe(1);
});
