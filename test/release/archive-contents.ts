// What each platform's archive holds, and the archive's bytes.

import type {ArchiveEntry, ArchiveOptions} from './archive-entry.ts';
import {tarGzArchive} from './tar-gz.ts';
import {binaryName, bundleName, type Target, targetName} from './targets.ts';
import {zipArchive} from './zip.ts';

export const noticesName = 'THIRD-PARTY-NOTICES.txt';

export type ArchiveInputs = {
	readonly license: Uint8Array;
	readonly notices: Uint8Array;
} & ({
	readonly kind: 'executable';
	readonly executable: Uint8Array;
} | {
	readonly kind: 'launcher';
	readonly launcher: Uint8Array;
	readonly bundle: Uint8Array;
});

export function archiveEntries(target: Target, inputs: ArchiveInputs): ArchiveEntry[] {
	if (inputs.kind !== target.kind) {
		throw new Error(`${targetName(target)} ships a ${target.kind}, not a ${inputs.kind}`);
	}

	const program: ArchiveEntry[] = inputs.kind === 'executable'
		? [{name: target.bin, data: inputs.executable, mode: 0o755}]
		: [{name: binaryName, data: inputs.launcher, mode: 0o755}, {name: bundleName, data: inputs.bundle, mode: 0o644}];
	return [
		...program,
		{name: 'LICENSE', data: inputs.license, mode: 0o644},
		{name: noticesName, data: inputs.notices, mode: 0o644},
	];
}

export function archiveBytes(target: Target, entries: readonly ArchiveEntry[], options: ArchiveOptions): Uint8Array {
	return target.archive === 'zip' ? zipArchive(entries, options) : tarGzArchive(entries, options);
}
