// A zip archive (deflate, no zip64: entries stay far below 4 GiB) of a few
// flat files, with a fixed time so that equal inputs give equal bytes.

import {crc32, deflateRawSync} from 'node:zlib';
import {type ArchiveEntry, type ArchiveOptions, checkEntryName} from './archive-entry.ts';

const signatures = {
	localFile: 0x04_03_4b_50,
	centralDirectory: 0x02_01_4b_50,
	endOfCentralDirectory: 0x06_05_4b_50,
} as const;

const deflate = 8;
/** Version 2.0: deflate. */
const versionNeeded = 20;
/** Made by Unix (high byte 3), so the permission bits in the external attributes count. */
const versionMadeBy = (3 << 8) | versionNeeded;

/** MS-DOS date and time as zip stores them; the format starts in 1980. */
export function dosDateTime(date: Date): {date: number; time: number} {
	const clamped = date.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : date;
	return {
		date: ((clamped.getUTCFullYear() - 1980) << 9) | ((clamped.getUTCMonth() + 1) << 5) | clamped.getUTCDate(),
		time: (clamped.getUTCHours() << 11) | (clamped.getUTCMinutes() << 5) | Math.floor(clamped.getUTCSeconds() / 2),
	};
}

type Written = {name: Uint8Array; crc: number; compressedSize: number; size: number; offset: number; mode: number};

function record(size: number, fill: (view: DataView) => void): Uint8Array {
	const bytes = new Uint8Array(size);
	fill(new DataView(bytes.buffer));
	return bytes;
}

export function zipArchive(entries: readonly ArchiveEntry[], options: ArchiveOptions): Uint8Array {
	const {date, time} = dosDateTime(options.mtime);
	const parts: Uint8Array[] = [];
	const written: Written[] = [];
	let offset = 0;
	for (const entry of entries) {
		checkEntryName(entry.name);
		const name = new TextEncoder().encode(entry.name);
		const compressed = deflateRawSync(entry.data, {level: 9});
		const crc = crc32(entry.data);
		const local = record(30, view => {
			view.setUint32(0, signatures.localFile, true);
			view.setUint16(4, versionNeeded, true);
			view.setUint16(6, 0, true);
			view.setUint16(8, deflate, true);
			view.setUint16(10, time, true);
			view.setUint16(12, date, true);
			view.setUint32(14, crc, true);
			view.setUint32(18, compressed.byteLength, true);
			view.setUint32(22, entry.data.byteLength, true);
			view.setUint16(26, name.byteLength, true);
			view.setUint16(28, 0, true);
		});
		parts.push(local, name, compressed);
		written.push({name, crc, compressedSize: compressed.byteLength, size: entry.data.byteLength, offset, mode: entry.mode});
		offset += local.byteLength + name.byteLength + compressed.byteLength;
	}

	const directoryStart = offset;
	for (const entry of written) {
		const central = record(46, view => {
			view.setUint32(0, signatures.centralDirectory, true);
			view.setUint16(4, versionMadeBy, true);
			view.setUint16(6, versionNeeded, true);
			view.setUint16(8, 0, true);
			view.setUint16(10, deflate, true);
			view.setUint16(12, time, true);
			view.setUint16(14, date, true);
			view.setUint32(16, entry.crc, true);
			view.setUint32(20, entry.compressedSize, true);
			view.setUint32(24, entry.size, true);
			view.setUint16(28, entry.name.byteLength, true);
			// Extra field, comment, disk number, internal attributes: none.
			view.setUint32(38, ((0o100_000 | (entry.mode & 0o7777)) << 16) >>> 0, true);
			view.setUint32(42, entry.offset, true);
		});
		parts.push(central, entry.name);
		offset += central.byteLength + entry.name.byteLength;
	}

	parts.push(record(22, view => {
		view.setUint32(0, signatures.endOfCentralDirectory, true);
		view.setUint16(8, written.length, true);
		view.setUint16(10, written.length, true);
		view.setUint32(12, offset - directoryStart, true);
		view.setUint32(16, directoryStart, true);
	}));
	return Buffer.concat(parts);
}
