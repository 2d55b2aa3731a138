// The Node binary an executable is built from, made ready for injection:
// Windows and macOS binaries lose their publisher's signature (it would not
// match afterwards), Linux binaries lose their symbol and debug sections
// (about a quarter of their size) when a strip tool is installed.

import {copyFile, readFile, writeFile} from 'node:fs/promises';
import {run} from '../cluster/run.ts';
import {withoutSignature} from './authenticode.ts';
import {withoutCodeSignature} from './macho-signature.ts';
import {type Target, targetName} from './targets.ts';

export type PreparedNode = {
	readonly path: string;
	/** What was done to it, for the build summary. */
	readonly note: string;
};

// llvm-strip handles every architecture; binutils' strip only the host's.
const stripTools = ['llvm-strip', 'strip'] as const;

async function strip(path: string): Promise<string | undefined> {
	for (const tool of stripTools) {
		const result = await run(tool, ['--strip-all', path]).catch(() => undefined);
		if (result?.code === 0) {
			return tool;
		}
	}

	return undefined;
}

export async function prepareNodeBinary(target: Target, original: string, destination: string): Promise<PreparedNode> {
	if (target.os === 'windows') {
		await writeFile(destination, withoutSignature(await readFile(original)));
		return {path: destination, note: 'publisher signature removed'};
	}

	if (target.os === 'darwin') {
		// Not stripped: the signature is made afterwards over whatever the file holds.
		await writeFile(destination, withoutCodeSignature(await readFile(original)));
		return {path: destination, note: 'publisher signature removed'};
	}

	await copyFile(original, destination);
	const tool = await strip(destination);
	if (tool === undefined) {
		// A failed attempt may leave a half-written file behind.
		await copyFile(original, destination);
		return {path: destination, note: `not stripped (${stripTools.join(' or ')} not installed or not for ${targetName(target)})`};
	}

	return {path: destination, note: `stripped with ${tool}`};
}
