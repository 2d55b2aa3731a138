import {expect, test} from 'vitest';
import {readSignatureDirectory, withoutSignature} from './authenticode.ts';

const peHeader = 0x80;
const optionalHeader = peHeader + 24;

// The parts of a PE file the signature removal reads: MZ, e_lfanew, the PE
// signature, the optional header's magic, checksum and data directories.
function fakePe(options: {wide: boolean; body: number; certificate?: number; trailing?: number}): Uint8Array {
	const certificate = options.certificate ?? 0;
	const bytes = new Uint8Array(options.body + certificate + (options.trailing ?? 0));
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0x5a_4d, true);
	view.setUint32(0x3c, peHeader, true);
	view.setUint32(peHeader, 0x50_45_00_00, false);
	view.setUint16(optionalHeader, options.wide ? 0x2_0b : 0x1_0b, true);
	view.setUint32(optionalHeader + 64, 0xDE_AD_BE_EF, true);
	view.setUint32(optionalHeader + (options.wide ? 108 : 92), 16, true);
	const security = optionalHeader + (options.wide ? 112 : 96) + 32;
	if (certificate > 0) {
		view.setUint32(security, options.body, true);
		view.setUint32(security + 4, certificate, true);
		bytes.fill(0xAA, options.body, options.body + certificate);
	}

	return bytes;
}

for (const wide of [true, false]) {
	test(`${wide ? 'PE32+' : 'PE32'}: the certificate table is cut off and its directory entry and checksum zeroed`, () => {
		const signed = fakePe({wide, body: 4096, certificate: 1024});
		expect(readSignatureDirectory(signed)).toEqual({offset: 4096, size: 1024});

		const unsigned = withoutSignature(signed);
		expect(unsigned.byteLength).toBe(4096);
		expect(readSignatureDirectory(unsigned)).toEqual({offset: 0, size: 0});
		expect(new DataView(unsigned.buffer).getUint32(optionalHeader + 64, true)).toBe(0);
		// The input is left alone.
		expect(readSignatureDirectory(signed)).toEqual({offset: 4096, size: 1024});
	});
}

test('a table followed by more than padding stays in the file, unreferenced', () => {
	const signed = fakePe({wide: true, body: 4096, certificate: 1024, trailing: 16});
	new DataView(signed.buffer).setUint8(signed.byteLength - 1, 1);
	const unsigned = withoutSignature(signed);
	expect(unsigned.byteLength).toBe(signed.byteLength);
	expect(readSignatureDirectory(unsigned)).toEqual({offset: 0, size: 0});
});

test('an unsigned file is returned as it is', () => {
	const unsigned = fakePe({wide: true, body: 4096});
	expect(withoutSignature(unsigned)).toBe(unsigned);
});

test('anything but a PE file is refused', () => {
	expect(() => withoutSignature(new TextEncoder().encode('\u007FELF'.padEnd(512, '\0')))).toThrow(/not a PE file/);
	const broken = fakePe({wide: true, body: 4096, certificate: 64});
	new DataView(broken.buffer).setUint32(optionalHeader + 112 + 36, 1 << 20, true);
	expect(() => withoutSignature(broken)).toThrow(/past the end/);
});
