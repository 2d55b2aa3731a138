// How long the interactive view takes to answer a key with a new frame when
// the node table has thousands of rows: the built UI (dist/, what the dev
// build runs) through runInteractive, as a user gets it, on a fake terminal
// that timestamps every write. Run as its own process so nothing else shares
// its heap or event loop:
//
//   node test/bench/ui-frames.ts --nodes 5000 --frames 150   -> JSON on stdout

import {EventEmitter} from 'node:events';
import {setTimeout as delay} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {stripVTControlCharacters} from 'node:util';
import type {Engine} from '../../source/engine/engine.ts';
import type {createLifecycle as CreateLifecycle} from '../../source/lifecycle.ts';
import type {runInteractive as RunInteractive} from '../../source/ui/run-interactive.tsx';
import {run} from '../cluster/run.ts';
import {largeInventory} from '../ui/fixtures/large-inventory.ts';
import {FakeStdin} from '../ui/fake-terminal.ts';

export type FrameScenario = {
	readonly name: string;
	/** ms from the key to the last write of the frame it caused. */
	readonly samples: readonly number[];
	/** Bytes the terminal received per frame (median). */
	readonly bytesPerFrame: number;
};

export type FrameResults = {
	readonly nodes: number;
	readonly columns: number;
	readonly rows: number;
	/** From start to the first frame that shows the table. */
	readonly firstFrameMs: number;
	readonly scenarios: readonly FrameScenario[];
};

const keys = {down: '\u001B[B', space: ' ', escape: '\u001B', quit: 'q'} as const;

/** Ink draws at most 30 frames a second, the first of a burst at once: keys this far apart each get an immediate frame. */
const keyIntervalMs = 40;

/** A terminal of a given size that remembers when it was written to. */
class RecordingStdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns: number;
	readonly rows: number;
	writes = 0;
	lastWriteAt = 0;
	bytes = 0;
	private readonly waiting = new Set<(text: string) => void>();

	constructor(columns: number, rows: number) {
		super();
		this.columns = columns;
		this.rows = rows;
	}

	write(data: string, callback?: () => void): boolean {
		this.writes++;
		this.lastWriteAt = performance.now();
		this.bytes += Buffer.byteLength(data);
		for (const listener of this.waiting) {
			listener(data);
		}

		callback?.();
		return true;
	}

	/** Resolves at the first write that satisfies `test`. */
	next(test: (text: string) => boolean = () => true): Promise<void> {
		return new Promise(resolve => {
			const listener = (text: string) => {
				if (test(text)) {
					this.waiting.delete(listener);
					resolve();
				}
			};

			this.waiting.add(listener);
		});
	}
}

function standInEngine(count: number): Engine {
	const nodes = largeInventory(count);
	return {
		session: {context: 'bench', server: 'https://bench.example:6443', namespace: 'kube-system', httpsProxy: 'http://proxy.bench.example:3128', noProxy: ['localhost', '127.0.0.1', '.svc', '.cluster.local']},
		inventory: async () => nodes,
		plan: async () => {
			throw new Error('the frame bench never plans');
		},
		run: () => {
			throw new Error('the frame bench never runs a rollout');
		},
		watchInventory: () => {
			throw new Error('the frame bench never watches');
		},
	};
}

async function measureKeys(stdin: FakeStdin, stdout: RecordingStdout, key: string, frames: number): Promise<{samples: number[]; bytes: number[]}> {
	const samples: number[] = [];
	const bytes: number[] = [];
	for (let index = 0; index < frames; index++) {
		await delay(keyIntervalMs);
		const written = stdout.next();
		const bytesBefore = stdout.bytes;
		const pressedAt = performance.now();
		stdin.type(key);
		await written;
		// The rest of the frame (Ink writes it in one go) is out once this turn of the event loop ends.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		samples.push(stdout.lastWriteAt - pressedAt);
		bytes.push(stdout.bytes - bytesBefore);
	}

	return {samples, bytes};
}

const medianOf = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function measureFrames(count: number, frames: number, columns = 120, rows = 40): Promise<FrameResults> {
	const {runInteractive} = await import(new URL('../../dist/ui/run-interactive.js', import.meta.url).href) as {runInteractive: typeof RunInteractive};
	const {createLifecycle} = await import(new URL('../../dist/lifecycle.js', import.meta.url).href) as {createLifecycle: typeof CreateLifecycle};
	const stdin = new FakeStdin();
	const stdout = new RecordingStdout(columns, rows);
	const streams = {stdin, stdout, stderr: new RecordingStdout(columns, rows), env: {TERM: 'xterm-256color'}} as unknown as Parameters<typeof RunInteractive>[2];
	const rollout = {mode: 'node-by-node', parallel: 1, timeoutMs: 300_000} as const;
	const firstName = largeInventory(1)[0]!.name;

	const started = performance.now();
	const tableShown = stdout.next(text => stripVTControlCharacters(text).includes(firstName));
	const exited = runInteractive({engine: standInEngine(count), initial: {screen: 'home', selection: {nodes: []}, rollout, yes: false}}, createLifecycle(), streams);
	await tableShown;
	const firstFrameMs = stdout.lastWriteAt - started;

	const scenarios: FrameScenario[] = [];
	const add = (name: string, measured: {samples: number[]; bytes: number[]}) => {
		scenarios.push({name, samples: measured.samples, bytesPerFrame: medianOf(measured.bytes)});
	};

	add('home screen: cursor down', await measureKeys(stdin, stdout, keys.down, frames));
	// `a` opens the node picker (the same table with check boxes).
	const pickerShown = stdout.next(text => stripVTControlCharacters(text).includes(firstName));
	stdin.type('a');
	await pickerShown;
	add('node picker: cursor down', await measureKeys(stdin, stdout, keys.down, frames));
	add('node picker: toggle a node (space)', await measureKeys(stdin, stdout, keys.space, frames));

	await delay(keyIntervalMs);
	stdin.type(keys.escape);
	await delay(keyIntervalMs);
	stdin.type(keys.quit);
	await Promise.race([exited, delay(5000)]);
	return {nodes: count, columns, rows, firstFrameMs, scenarios};
}

/**
 * Runs the measurement in a fresh Node process (the pinned one running this
 * file). `reactMode` 'production' sets NODE_ENV as the release bundle
 * compiles it in; 'as-is' leaves it unset, as the dev build runs.
 */
export async function measureFramesInChild(count: number, frames: number, reactMode: 'as-is' | 'production'): Promise<FrameResults> {
	const env = {...process.env};
	delete env['NODE_ENV'];
	if (reactMode === 'production') {
		env['NODE_ENV'] = 'production';
	}

	const result = await run(process.execPath, [new URL(import.meta.url).pathname, '--nodes', String(count), '--frames', String(frames)], {env});
	const line = result.stdout.split('\n').find(text => text.startsWith('{'));
	if (result.code !== 0 || line === undefined) {
		throw new Error(`ui-frames.ts exited with ${result.code}: ${result.stderr.trim().slice(-2000)}`);
	}

	return JSON.parse(line) as FrameResults;
}

if (import.meta.main) {
	const {values} = parseArgs({options: {nodes: {type: 'string', default: '5000'}, frames: {type: 'string', default: '150'}}});
	const results = await measureFrames(Number(values.nodes), Number(values.frames));
	process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0));
}
