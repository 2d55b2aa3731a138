import {render} from 'ink-testing-library';
import {stripVTControlCharacters} from 'node:util';
import type {ReactElement} from 'react';
import {vi} from 'vitest';
import {App, type AppProps} from '../../source/ui/app.tsx';
import {createLifecycle, type Lifecycle} from '../../source/lifecycle.ts';
import {TerminalContext} from '../../source/ui/terminal-context.ts';
import type {TerminalTraits} from '../../source/ui/terminal.ts';
import {recordedEngine, type RecordedEngine, type Recording} from './recorded-engine.ts';
import {type FrameExpectation, waitFor, waitForFrame} from './wait-for.ts';

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageDown: '\u001B[6~',
	end: '\u001B[F',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
	backspace: '\u007F',
} as const;

export const plainTerminal: TerminalTraits = {color: true, unicode: true, animate: true};

export type Ui = {
	/** The latest frame, without colors. */
	readonly frame: () => string;
	/** The latest frame as written, escape codes and all. */
	readonly rawFrame: () => string;
	readonly press: (input: string) => Promise<void>;
	readonly waitFor: (expected: FrameExpectation) => Promise<string>;
	readonly resize: (rows: number) => void;
	readonly unmount: () => void;
};

/**
 * Renders with a terminal of `rows` lines (ink-testing-library's is 100
 * columns wide and has no height; the size fallback reads LINES/COLUMNS).
 */
export function renderUi(element: ReactElement, options: {rows?: number; terminal?: TerminalTraits} = {}): Ui {
	vi.stubEnv('COLUMNS', '100');
	vi.stubEnv('LINES', String(options.rows ?? 24));
	const instance = render(<TerminalContext value={options.terminal ?? plainTerminal}>{element}</TerminalContext>);
	// On unmount Ink writes a bare newline after the last frame: skip it.
	const lastFrame = () => instance.frames.findLast(written => written.trim() !== '') ?? '';
	const frame = () => stripVTControlCharacters(lastFrame());
	return {
		frame,
		rawFrame: lastFrame,
		async press(input) {
			// Ink draws a frame at commit, but a screen's key handler is attached by an
			// effect React runs on the next turn of the event loop: let it, or the key is lost.
			await new Promise(resolve => {
				setImmediate(resolve);
			});
			instance.stdin.write(input);
		},
		waitFor: async expected => waitForFrame(frame, expected),
		resize(rows) {
			Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
			instance.stdout.emit('resize');
		},
		unmount() {
			instance.unmount();
			vi.unstubAllEnvs();
		},
	};
}

export type AppUi = Ui & {
	readonly engine: RecordedEngine;
	readonly lifecycle: Lifecycle;
	/** The exit code once the app ended, else undefined. */
	readonly exitCode: () => number | undefined;
	readonly exited: () => Promise<number>;
	/** Unmounts and waits for engine work to settle, as runInteractive does. */
	readonly close: () => Promise<void>;
};

export type AppOptions = {
	initial?: Partial<AppProps['initial']>;
	rows?: number;
	terminal?: TerminalTraits;
	/** Changes the stand-in before the app sees it, e.g. to make one call fail. */
	adapt?: (engine: RecordedEngine) => RecordedEngine;
};

export function renderApp(recording: Recording, options: AppOptions = {}): AppUi {
	const recorded = recordedEngine(recording);
	const engine = options.adapt?.(recorded) ?? recorded;
	const lifecycle = createLifecycle();
	let code: number | undefined;
	const initial: AppProps['initial'] = {
		screen: 'home',
		selection: {nodes: []},
		rollout: {mode: 'node-by-node', parallel: 1, timeoutMs: 300_000},
		yes: false,
		...options.initial,
	};
	const terminal = options.terminal ?? plainTerminal;
	const ui = renderUi(
		<App
			engine={engine}
			initial={initial}
			terminal={terminal}
			lifecycle={lifecycle}
			onExit={exitCode => {
				code = exitCode;
			}}
		/>,
		{rows: options.rows, terminal},
	);
	return {
		...ui,
		engine,
		lifecycle,
		exitCode: () => code,
		exited: async () => waitFor(() => code, () => `the app to exit; last frame:\n${ui.frame()}`),
		async close() {
			ui.unmount();
			lifecycle.abort();
			await lifecycle.settled();
		},
	};
}
