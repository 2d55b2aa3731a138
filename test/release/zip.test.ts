import {crc32, inflateRawSync} from 'node:zlib';
import {expect, test} from 'vitest';
import {dosDateTime, zipArchive} from './zip.ts';

const mtime = new Date('2026-03-04T05:06:08Z');
const program = {name: 'kubectl-proxyinject.exe', data: new Uint8Array(5000).map((_, index) => index % 251), mode: 0o755};
const license = {name: 'LICENSE', data: new TextEncoder().encode('Apache License\n'.repeat(40)), mode: 0o644};

type Read = {name: string; data: Uint8Array; mode: number; date: number; time: number};

// Reads the archive the way unzip tools do: from the central directory, via
// the end record, then each local header it points to.
function readZip(bytes: Uint8Array): Read[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = bytes.byteLength - 22;
	expect(view.getUint32(end, true)).toBe(0x06_05_4b_50);
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	expect(at + view.getUint32(end + 12, true)).toBe(end);
	const entries: Read[] = [];
	for (let index = 0; index < count; index++) {
		expect(view.getUint32(at, true)).toBe(0x02_01_4b_50);
		const nameLength = view.getUint16(at + 28, true);
		const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
		const crc = view.getUint32(at + 16, true);
		const compressedSize = view.getUint32(at + 20, true);
		const size = view.getUint32(at + 24, true);
		const local = view.getUint32(at + 42, true);
		expect(view.getUint32(local, true)).toBe(0x04_03_4b_50);
		expect(view.getUint32(local + 14, true)).toBe(crc);
		const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
		const data = inflateRawSync(bytes.subarray(start, start + compressedSize));
		expect(data.byteLength).toBe(size);
		expect(crc32(data)).toBe(crc);
		entries.push({name, data, mode: (view.getUint32(at + 38, true) >>> 16) & 0o7777, date: view.getUint16(at + 14, true), time: view.getUint16(at + 12, true)});
		at += 46 + nameLength;
	}

	return entries;
}

test('every file comes back with its content, permissions and time', () => {
	const entries = readZip(zipArchive([program, license], {mtime}));
	expect(entries.map(entry => entry.name)).toEqual(['kubectl-proxyinject.exe', 'LICENSE']);
	expect(Buffer.from(entries[0]!.data).equals(Buffer.from(program.data))).toBe(true);
	expect(new TextDecoder().decode(entries[1]!.data)).toBe('Apache License\n'.repeat(40));
	expect(entries.map(entry => entry.mode)).toEqual([0o755, 0o644]);
	expect(entries[0]).toMatchObject(dosDateTime(mtime));
});

test('MS-DOS time: 2 s resolution, years from 1980', () => {
	expect(dosDateTime(mtime)).toEqual({date: ((2026 - 1980) << 9) | (3 << 5) | 4, time: (5 << 11) | (6 << 5) | 4});
	expect(dosDateTime(new Date(0))).toEqual({date: (1 << 5) | 1, time: 0});
});

test('equal inputs give equal bytes', () => {
	expect(Buffer.from(zipArchive([program, license], {mtime})).equals(Buffer.from(zipArchive([program, license], {mtime})))).toBe(true);
});

test('names with folders are refused', () => {
	expect(() => zipArchive([{...license, name: 'docs\\LICENSE'}], {mtime})).toThrow(/plain ASCII file name/);
});
