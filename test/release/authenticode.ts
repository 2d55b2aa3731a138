// node.exe comes signed by its publisher. Injecting the application changes
// the file, so that signature would no longer match: Windows would show a
// broken signature instead of an unsigned program. This removes it first,
// which is what `signtool remove /s` does.

export type SignatureDirectory = {
	/** Where, in the file, the certificate table starts (0 when unsigned). */
	readonly offset: number;
	readonly size: number;
};

type Layout = {readonly checksumAt: number; readonly directoryAt: number};

const securityDirectoryIndex = 4;

function layout(pe: Uint8Array): Layout {
	const view = new DataView(pe.buffer, pe.byteOffset, pe.byteLength);
	if (pe.byteLength < 0x40 || view.getUint16(0, true) !== 0x5a_4d) {
		throw new Error('not a PE file: no MZ header');
	}

	const header = view.getUint32(0x3c, true);
	if (header + 24 > pe.byteLength || view.getUint32(header, false) !== 0x50_45_00_00) {
		throw new Error('not a PE file: no PE signature');
	}

	const optional = header + 24;
	const magic = view.getUint16(optional, true);
	if (magic !== 0x1_0b && magic !== 0x2_0b) {
		throw new Error(`unknown PE optional header magic 0x${magic.toString(16)}`);
	}

	const wide = magic === 0x2_0b;
	const directories = view.getUint32(optional + (wide ? 108 : 92), true);
	if (directories <= securityDirectoryIndex) {
		throw new Error('the PE file has no security directory entry');
	}

	return {checksumAt: optional + 64, directoryAt: optional + (wide ? 112 : 96) + (securityDirectoryIndex * 8)};
}

export function readSignatureDirectory(pe: Uint8Array): SignatureDirectory {
	const view = new DataView(pe.buffer, pe.byteOffset, pe.byteLength);
	const {directoryAt} = layout(pe);
	return {offset: view.getUint32(directoryAt, true), size: view.getUint32(directoryAt + 4, true)};
}

/** A copy without the certificate table; the file is returned as it is when it carries none. */
export function withoutSignature(pe: Uint8Array): Uint8Array {
	const {checksumAt, directoryAt} = layout(pe);
	const {offset, size} = readSignatureDirectory(pe);
	if (size === 0) {
		return pe;
	}

	if (offset + size > pe.byteLength) {
		throw new Error('the PE certificate table points past the end of the file');
	}

	// The table is normally the file's tail (padded to 8 bytes): cut it off.
	const atEnd = pe.subarray(offset + size).every(byte => byte === 0);
	const copy = new Uint8Array(pe.subarray(0, atEnd ? offset : pe.byteLength));
	const view = new DataView(copy.buffer);
	view.setUint32(directoryAt, 0, true);
	view.setUint32(directoryAt + 4, 0, true);
	// The checksum covered the signed file; zero means "not computed", which Windows accepts for programs.
	view.setUint32(checksumAt, 0, true);
	return copy;
}
