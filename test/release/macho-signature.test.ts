import {createHash} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {machOFixture} from './macho-fixture.ts';
import {readMachO, segmentNamed} from './macho-layout.ts';
import {adHocSign, codeDirectoryFlags, readCodeDirectory, withoutCodeSignature} from './macho-signature.ts';
import {adHocProblem, rcodesignPath, rcodesignVerify} from './rcodesign.ts';

const unsigned = machOFixture();
const signed = adHocSign(unsigned, 'kubectl-proxyinject');
const pageHashes = (file: Uint8Array, limit: number) => Array.from({length: Math.ceil(limit / 4096)}, (_, page) =>
	createHash('sha256').update(file.subarray(page * 4096, Math.min((page + 1) * 4096, limit))).digest('hex'));

test('the signature sits 16-byte aligned at the end of the file, inside __LINKEDIT', () => {
	const layout = readMachO(signed);
	const signature = layout.codeSignature!;
	expect(signature.dataOffset % 16).toBe(0);
	expect(signature.dataOffset).toBeGreaterThanOrEqual(unsigned.byteLength);
	expect(signature.dataOffset + signature.dataSize).toBe(signed.byteLength);
	const linkedit = segmentNamed(layout, '__LINKEDIT');
	expect(linkedit.fileOffset + linkedit.fileSize).toBe(signed.byteLength);
	expect(layout.commandCount).toBe(readMachO(unsigned).commandCount + 1);
});

test('an ad-hoc CodeDirectory: the identifier, and the SHA-256 of every 4 KiB page before the signature', () => {
	const directory = readCodeDirectory(signed);
	const {dataOffset} = readMachO(signed).codeSignature!;
	expect(directory.identifier).toBe('kubectl-proxyinject');
	expect(directory.flags & codeDirectoryFlags.adHoc).toBe(codeDirectoryFlags.adHoc);
	expect(directory.codeLimit).toBe(dataOffset);
	expect(directory.pageHashes).toEqual(pageHashes(signed, dataOffset));
});

test('removing the signature gives back the unsigned file, byte for byte', () => {
	expect(Buffer.from(withoutCodeSignature(signed)).equals(Buffer.from(unsigned))).toBe(true);
	expect(withoutCodeSignature(unsigned)).toBe(unsigned);
});

test('signing again replaces the signature, and equal inputs give equal bytes', () => {
	expect(Buffer.from(adHocSign(signed, 'kubectl-proxyinject')).equals(Buffer.from(signed))).toBe(true);
	expect(readCodeDirectory(adHocSign(signed, 'other-name')).identifier).toBe('other-name');
});

test('files it cannot sign safely are refused with the reason', () => {
	expect(() => adHocSign(new Uint8Array(64), 'x')).toThrow(/not a 64-bit little-endian Mach-O/);
	const fat = new Uint8Array(64);
	new DataView(fat.buffer).setUint32(0, 0xca_fe_ba_be);
	expect(() => adHocSign(fat, 'x')).toThrow(/universal \(fat\)/);
	// Data after __LINKEDIT: the signature could not cover it from inside the segment.
	expect(() => adHocSign(new Uint8Array([...unsigned, 1, 2, 3]), 'x')).toThrow(/__LINKEDIT is not the end of the file/);
	expect(() => adHocSign(unsigned, 'no spaces')).toThrow(/identifier/);
	// No room for one more load command before the code starts.
	const crowded = machOFixture();
	new DataView(crowded.buffer).setUint32(20, 0x1000 - 32 - 8, true);
	expect(() => adHocSign(crowded, 'x')).toThrow(/load command|no room/);
});

const rcodesign = rcodesignPath();
let dir: string | undefined;
afterAll(async () => {
	if (dir) {
		await rm(dir, {recursive: true, force: true});
	}
});

test('rcodesign, an independent implementation, verifies the signature and catches a changed byte', async context => {
	if (!rcodesign) {
		context.skip('rcodesign is not built: build it with test/release/build-rcodesign.sh');
	}

	dir = await mkdtemp(join(tmpdir(), 'macho-sign-'));
	const file = join(dir, 'signed');
	await writeFile(file, signed);
	expect((await rcodesignVerify(rcodesign!, file)).problems).toEqual([adHocProblem]);

	const changed = new Uint8Array(signed);
	changed[0x1800] = changed[0x1800]! ^ 0xff;
	await writeFile(file, changed);
	expect((await rcodesignVerify(rcodesign!, file)).problems.join('\n')).toMatch(/code digest mismatch for entry 1;/);
});
