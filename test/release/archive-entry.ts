/** A file to put into a release archive. Archives have no folders: every file sits at the top. */
export type ArchiveEntry = {
	readonly name: string;
	readonly data: Uint8Array;
	/** Unix permission bits, e.g. 0o755 for a program. */
	readonly mode: number;
};

/** The same bytes for the same entries and time: nothing of the build machine gets in. */
export type ArchiveOptions = {
	readonly mtime: Date;
};

export function checkEntryName(name: string): void {
	if (name === '' || name.includes('/') || name.includes('\\') || !/^[\u0020-\u007E]+$/.test(name)) {
		throw new Error(`archive entry name ${JSON.stringify(name)}: use a plain ASCII file name`);
	}
}
