// What each platform's archive holds, and the archive's bytes.

import type {ArchiveEntry, ArchiveOptions} from './archive-entry.ts';
import {tarGzArchive} from './tar-gz.ts';
import type {Target} from './targets.ts';
import {zipArchive} from './zip.ts';

export const noticesName = 'THIRD-PARTY-NOTICES.txt';

export type ArchiveInputs = {
	readonly license: Uint8Array;
	readonly notices: Uint8Array;
	readonly executable: Uint8Array;
	/** The completion executable for the target (completionShim). */
	readonly completion: Uint8Array;
};

/** The executable, its completion executable, LICENSE and the notices, in the order of their names (bytewise): the same order on every machine. */
export function archiveEntries(target: Target, inputs: ArchiveInputs): ArchiveEntry[] {
	const entries: ArchiveEntry[] = [
		{name: target.bin, data: inputs.executable, mode: 0o755},
		{name: target.completion, data: inputs.completion, mode: 0o755},
		{name: 'LICENSE', data: inputs.license, mode: 0o644},
		{name: noticesName, data: inputs.notices, mode: 0o644},
	];
	return entries.sort((a, b) => (a.name < b.name ? -1 : (a.name > b.name ? 1 : 0)));
}

export function archiveBytes(target: Target, entries: readonly ArchiveEntry[], options: ArchiveOptions): Uint8Array {
	return target.archive === 'zip' ? zipArchive(entries, options) : tarGzArchive(entries, options);
}
