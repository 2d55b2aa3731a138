import {Console} from 'node:console';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import type {Engine} from '../../source/engine/engine.ts';
import {UsageError} from '../../source/errors.ts';
import {createLifecycle} from '../../source/lifecycle.ts';
import {runInteractive} from '../../source/ui/run-interactive.tsx';
import {FakeStdin, FakeStdout} from './fake-terminal.ts';
import {loadRecording, recordedEngine} from './recorded-engine.ts';
import {keys} from './render-ui.tsx';
import {waitFor} from './wait-for.ts';

const threeNodes = loadRecording('three-node-rollout');
const stuckPull = loadRecording('stuck-pull');
const rollout = {mode: 'node-by-node', parallel: 1, timeoutMs: 300_000} as const;

// Ink routes console output around its frames by building a `console.Console`,
// which the test runner's own console does not carry.
beforeEach(() => {
	vi.stubGlobal('console', Object.assign(Object.create(console) as Console, {Console}));
});

afterEach(() => {
	vi.unstubAllGlobals();
});

function start(engine: Engine, screen: 'home' | 'apply' | 'remove' = 'home', selection: readonly string[] = []) {
	const stdin = new FakeStdin();
	const stdout = new FakeStdout();
	const streams = {stdin, stdout, stderr: new FakeStdout(), env: {TERM: 'xterm-256color', NO_COLOR: '1'}} as unknown as Parameters<typeof runInteractive>[1];
	const lifecycle = createLifecycle();
	const exit = runInteractive({engine, initial: {screen, selection: {nodes: selection}, rollout, yes: selection.length > 0}}, lifecycle, streams);
	const shows = async (text: string) => waitFor(() => stdout.text().includes(text), () => `"${text}" on the screen:\n${stdout.text()}`);
	const press = async (input: string) => {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		stdin.type(input);
	};

	return {stdin, stdout, exit, shows, press, lifecycle};
}

test('q resolves with 0 and gives the keyboard back', async () => {
	const session = start(recordedEngine(threeNodes));
	await session.shows('node-3');
	expect(session.stdin.rawMode).toBe(true);
	await session.press('q');
	expect(await session.exit).toBe(0);
	expect(session.stdin.everRaw).toBe(true);
	expect(session.stdin.rawMode).toBe(false);
});

test('Ctrl-C on the home screen resolves with 130', async () => {
	const session = start(recordedEngine(threeNodes));
	await session.shows('node-3');
	await session.press(keys.ctrlC);
	expect(await session.exit).toBe(130);
	expect(session.stdin.rawMode).toBe(false);
});

test('a crash while rendering rejects, and the terminal is still restored', async () => {
	const engine = recordedEngine(threeNodes);
	const broken = {
		...engine,
		get session(): never {
			throw new Error('session unreadable');
		},
	};
	const session = start(broken);
	await expect(session.exit).rejects.toThrow('session unreadable');
	expect(session.stdin.rawMode).toBe(false);
});

test('after an abort it resolves only once the engine has cleaned up', async () => {
	const engine = recordedEngine(stuckPull);
	const session = start(engine, 'remove', ['node-1']);
	await session.shows('pulling the image');
	await session.press(keys.ctrlC);
	await session.shows('Stop the rollout?');
	await session.press(keys.ctrlC);
	expect(await session.exit).toBe(130);
	expect(engine.log.aborted).toBe(true);
	expect(engine.log.finished).toBe(true);
	expect(session.stdin.rawMode).toBe(false);
});

test('without a keyboard to read it refuses to start rather than hang', async () => {
	const stdout = new FakeStdout();
	const streams = {stdin: new FakeStdin(false), stdout, stderr: new FakeStdout()} as unknown as Parameters<typeof runInteractive>[1];
	await expect(runInteractive({engine: recordedEngine(threeNodes), initial: {screen: 'home', selection: {nodes: []}, rollout, yes: false}}, createLifecycle(), streams)).rejects.toThrow(UsageError);
	expect(stdout.written).toBe('');
});

test('a signal from outside (the aborted lifecycle) ends the session with 130, and the session installs no signal handler of its own', async () => {
	const before = ['SIGINT', 'SIGTERM', 'SIGHUP'].map(signal => process.listenerCount(signal));
	const session = start(recordedEngine(threeNodes));
	await session.shows('node-3');
	expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map(signal => process.listenerCount(signal))).toEqual(before);
	session.lifecycle.abort(new Error('stopped by a signal'));
	expect(await session.exit).toBe(130);
});
