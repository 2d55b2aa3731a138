import {type Instance, render} from 'ink';
import process from 'node:process';
import {exitCodes, InterruptedError, UsageError} from '../errors.ts';
import {App, type AppProps} from './app.tsx';
import {createLifecycle} from './lifecycle.ts';
import {detectTerminal} from './terminal.ts';

export type InteractiveProps = Pick<AppProps, 'engine' | 'initial'>;

/** Where the UI reads and writes; the process's own streams unless a caller (a test) says otherwise. */
export type InteractiveStreams = {
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly env?: Readonly<Record<string, string | undefined>>;
};

// Ctrl-C reaches the app as a key in raw mode; these arrive from outside. The
// handlers go before engine cleanup is awaited, so a further signal still kills.
const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs the interactive session and resolves with its exit code: 0 done, 1
 * failed, 2 usage, 130 interrupted. The terminal is restored on every path,
 * and engine work still running (an aborted rollout lifting its holds) is
 * awaited before this resolves.
 */
export async function runInteractive(props: InteractiveProps, streams: InteractiveStreams = {}): Promise<number> {
	if (!(streams.stdin ?? process.stdin).isTTY) {
		throw new UsageError('The interactive view needs a terminal to read keys from.', 'Pass --yes to run without questions.');
	}

	const lifecycle = createLifecycle();
	let code: number = exitCodes.failed;
	const stop = () => {
		lifecycle.abort(new InterruptedError('Stopped by a signal.'));
	};

	for (const signal of stopSignals) {
		process.on(signal, stop);
	}

	let instance: Instance | undefined;
	try {
		instance = render(
			<App
				{...props}
				terminal={detectTerminal(streams.env ?? process.env)}
				lifecycle={lifecycle}
				onExit={exitCode => {
					code = exitCode;
				}}
			/>,
			// Only a terminal on both ends gets here, so this is interactive even when a CI variable is set
			// (Ink would otherwise print nothing but the last frame).
			{stdin: streams.stdin, stdout: streams.stdout, stderr: streams.stderr, exitOnCtrlC: false, interactive: true},
		);
		await instance.waitUntilExit();
	} finally {
		// Idempotent after a normal exit; after a crash it gives the terminal back.
		instance?.unmount();
		for (const signal of stopSignals) {
			process.off(signal, stop);
		}

		lifecycle.abort();
		await lifecycle.settled();
	}

	return code;
}
