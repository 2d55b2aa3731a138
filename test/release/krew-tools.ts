// krew and its manifest validator. build-krew-tools.sh owns the version and
// the cache layout; this file only asks it.

import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {run} from '../cluster/run.ts';

export type KrewTools = {
	readonly dir: string;
	/** krew, named the way kubectl finds it as a plugin. */
	readonly krew: string;
	readonly validator: string;
};

export type KrewLookup =
	| {readonly found: true; readonly tools: KrewTools}
	| {readonly found: false; readonly reason: string};

const script = fileURLToPath(new URL('build-krew-tools.sh', import.meta.url));
const noGo = 3;

/** The cached tools, building them first when Go is there (a few minutes cold). */
export async function ensureKrewTools(onProgress?: (text: string) => void): Promise<KrewLookup> {
	const result = await run('sh', [script], {onStderr: onProgress});
	const dir = result.stdout.trim().split('\n').at(-1) ?? '';
	if (result.code === 0 && dir !== '') {
		return {found: true, tools: {dir, krew: join(dir, 'kubectl-krew'), validator: join(dir, 'validate-krew-manifest')}};
	}

	const reason = result.code === noGo
		? 'krew is not cached and Go is not installed to build it (test/release/build-krew-tools.sh)'
		: result.stderr.trim().split('\n').at(-1) || `test/release/build-krew-tools.sh exited with ${result.code}`;
	return {found: false, reason};
}
