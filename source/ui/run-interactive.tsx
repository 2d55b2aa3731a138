import {type Instance, render} from 'ink';
import process from 'node:process';
import {exitCodes, UsageError} from '../errors.ts';
import type {Lifecycle} from '../lifecycle.ts';
import {App, type AppProps} from './app.tsx';
import {detectTerminal} from './terminal.ts';

export type InteractiveProps = Pick<AppProps, 'engine' | 'initial'>;

/** Where the UI reads and writes; the process's own streams unless a caller (a test) says otherwise. */
export type InteractiveStreams = {
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
	readonly stderr?: NodeJS.WriteStream;
	readonly env?: Readonly<Record<string, string | undefined>>;
};

/**
 * Runs the interactive session and resolves with its exit code: 0 done, 1
 * failed, 2 usage, 130 interrupted. The terminal is restored on every path,
 * and engine work still running (an aborted rollout lifting its holds) is
 * awaited before this resolves. Ctrl-C reaches the app as a key in raw mode;
 * signals from outside reach it as the aborted `lifecycle`, which the
 * entry point owns.
 */
export async function runInteractive(props: InteractiveProps, lifecycle: Lifecycle, streams: InteractiveStreams = {}): Promise<number> {
	if (!(streams.stdin ?? process.stdin).isTTY) {
		throw new UsageError('The interactive view needs a terminal to read keys from.', 'Pass --yes to run without questions.');
	}

	let code: number = exitCodes.failed;
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
		lifecycle.abort();
		await lifecycle.settled();
	}

	return code;
}
