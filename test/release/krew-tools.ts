// krew and its manifest validator. build-krew-tools.sh owns the version and
// the cache layout; this file only asks it.

import {join} from 'node:path';
import {runToolCacheScript, type ToolsMissing} from '../cluster/tool-cache-script.ts';

export type KrewTools = {
	readonly dir: string;
	/** krew, named the way kubectl finds it as a plugin. */
	readonly krew: string;
	readonly validator: string;
};

export type KrewLookup = {readonly found: true; readonly tools: KrewTools} | ToolsMissing;

/** The cached tools, building them first when Go is there (a few minutes cold). */
export async function ensureKrewTools(onProgress?: (text: string) => void): Promise<KrewLookup> {
	const answer = await runToolCacheScript({
		script: 'test/release/build-krew-tools.sh',
		withoutGo: 'krew is not cached and Go is not installed to build it',
		onProgress,
	});
	if (!answer.found) {
		return answer;
	}

	const {dir} = answer;
	return {found: true, tools: {dir, krew: join(dir, 'kubectl-krew'), validator: join(dir, 'validate-krew-manifest')}};
}
