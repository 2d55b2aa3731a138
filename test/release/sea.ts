// Turns the bundle into a standalone executable with Node's own builder
// (node --build-sea): the bundle is injected into a copy of a Node binary.

import {writeFile} from 'node:fs/promises';
import {basename, dirname} from 'node:path';
import {embeddedCliAsset} from '../../source/embedded-cli.ts';
import {runOrThrow} from '../cluster/run.ts';

export type SeaOptions = {
	/** The main script: small, it loads `bundle` only for commands that need the CLI. */
	readonly main: string;
	/** The CLI bundle, embedded as an asset; in the same folder as `main`. */
	readonly bundle: string;
	/** The Node binary to inject into: same version as the Node that runs this. */
	readonly node: string;
	readonly output: string;
	readonly config: string;
};

/**
 * V8's heap sizing for a short-lived program that reads large lists page by
 * page: a small young generation and a slowly growing old one keep the
 * garbage of each page from raising the peak (status at 5,000 nodes: about
 * 200 -> 140 MB), for a few more collections. bin/kubectl-proxyinject passes
 * the same flags to the dev build.
 */
export const heapFlags = ['--max-semi-space-size=2', '--heap-growing-percent=20'] as const;

export function seaConfig(options: SeaOptions): Record<string, unknown> {
	return {
		// The executable records this path: a bare file name (the build runs in the
		// scripts' folder) keeps the build folder out of it, so builds anywhere match.
		main: basename(options.main),
		mainFormat: 'module',
		assets: {[embeddedCliAsset]: basename(options.bundle)},
		executable: options.node,
		output: options.output,
		disableExperimentalSEAWarning: true,
		// A V8 code cache differs from one build to the next (V8 seeds it randomly;
		// one built with a fixed seed is rejected at run time), which would make
		// releases unreproducible; cross-built executables never could use one.
		// Node's compile cache keeps the CLI's code on each machine instead, from
		// its first run on (source/embedded-cli.ts).
		useCodeCache: false,
		// A kubectl plugin must not pick up the user's NODE_OPTIONS (a --require
		// meant for their own projects would break it).
		execArgvExtension: 'none',
		execArgv: [...heapFlags],
	};
}

export async function buildSea(options: SeaOptions): Promise<void> {
	await writeFile(options.config, `${JSON.stringify(seaConfig(options), undefined, '\t')}\n`);
	await runOrThrow(process.execPath, ['--build-sea', options.config], {cwd: dirname(options.main)});
}
