// Asks a script built on go-tool-cache.sh (build-binaries.sh,
// ../release/build-krew-tools.sh) for its cache folder: the script owns the
// versions and the layout, and prints the folder as its last line.

import {fileURLToPath} from 'node:url';
import {run} from './run.ts';

/** Why the tools are not there: for a skipped test or a failed command. */
export type ToolsMissing = {readonly found: false; readonly reason: string};

export type ToolCacheAnswer = {readonly found: true; readonly dir: string} | ToolsMissing;

export type ToolCacheRequest = {
	/** Relative to the repository root, as messages show it. */
	readonly script: string;
	readonly args?: readonly string[];
	/** Why there is nothing when the script exits 3, e.g. "krew is not cached and Go is not installed to build it". */
	readonly withoutGo: string;
	readonly onProgress?: (text: string) => void;
};

const repoRoot = new URL('../../', import.meta.url);

const noGo = 3;

export async function runToolCacheScript(request: ToolCacheRequest): Promise<ToolCacheAnswer> {
	const path = fileURLToPath(new URL(request.script, repoRoot));
	const result = await run('sh', [path, ...request.args ?? []], {onStderr: request.onProgress});
	const dir = result.stdout.trim().split('\n').at(-1) ?? '';
	if (result.code === 0 && dir !== '') {
		return {found: true, dir};
	}

	const said = result.stderr.trim().split('\n').at(-1) ?? '';
	const reason = result.code === noGo
		? `${request.withoutGo} (${request.script})`
		: said || `${request.script} exited with ${result.code}`;
	return {found: false, reason};
}
