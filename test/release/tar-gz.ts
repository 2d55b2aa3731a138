// A gzip-compressed POSIX (ustar) tar archive of a few flat files, with
// fixed owner (root, 0/0) and time so that equal inputs give equal bytes.

import {gzipSync} from 'node:zlib';
import {type ArchiveEntry, type ArchiveOptions, checkEntryName} from './archive-entry.ts';

const block = 512;

function octal(value: number, width: number): string {
	const digits = value.toString(8);
	if (digits.length > width - 1) {
		throw new Error(`${value} does not fit a ${width}-byte tar field`);
	}

	return `${digits.padStart(width - 1, '0')}\0`;
}

function header(entry: ArchiveEntry, mtime: Date): Uint8Array {
	checkEntryName(entry.name);
	if (entry.name.length > 100) {
		throw new Error(`archive entry name ${entry.name} is longer than 100 characters`);
	}

	const bytes = new Uint8Array(block);
	const put = (offset: number, text: string) => {
		bytes.set(new TextEncoder().encode(text), offset);
	};

	put(0, entry.name);
	put(100, octal(entry.mode & 0o7777, 8));
	put(108, octal(0, 8));
	put(116, octal(0, 8));
	put(124, octal(entry.data.byteLength, 12));
	put(136, octal(Math.floor(mtime.getTime() / 1000), 12));
	put(148, ' '.repeat(8));
	put(156, '0');
	put(257, 'ustar\0');
	put(263, '00');
	put(265, 'root');
	put(297, 'root');
	const checksum = bytes.reduce((sum, byte) => sum + byte, 0);
	put(148, `${checksum.toString(8).padStart(6, '0')}\0 `);
	return bytes;
}

export function tarArchive(entries: readonly ArchiveEntry[], options: ArchiveOptions): Uint8Array {
	const parts: Uint8Array[] = [];
	for (const entry of entries) {
		parts.push(header(entry, options.mtime), entry.data);
		const padding = (block - (entry.data.byteLength % block)) % block;
		parts.push(new Uint8Array(padding));
	}

	// The end of an archive: two empty blocks.
	parts.push(new Uint8Array(block * 2));
	return Buffer.concat(parts);
}

/** Byte 9 of a gzip header: the system that wrote it. zlib fills in the one it was built for. */
const gzipOsByte = 9;
const gzipOsUnix = 3;

export function tarGzArchive(entries: readonly ArchiveEntry[], options: ArchiveOptions): Uint8Array {
	// zlib writes no file name and a zero modification time; only the system byte would differ between
	// Node builds for different systems, so it is always Unix (what `gzip -n` writes on Linux).
	const gzipped = gzipSync(tarArchive(entries, options), {level: 9});
	gzipped[gzipOsByte] = gzipOsUnix;
	return gzipped;
}
