// macOS runs no code whose signature is broken, and no arm64 code without a
// signature. Node's darwin binaries come signed by their publisher; injecting
// the application breaks that signature. So the build removes it first (what
// `codesign --remove-signature` does) and signs the result ad hoc afterwards
// (what `codesign --sign -` does): a signature without a certificate that only
// says which bytes the file holds.
//
// The ad-hoc signature has the layout Go's linker writes into every darwin
// program it links (cmd/internal/codesign): one SuperBlob holding one
// CodeDirectory with a SHA-256 hash of every 4 KiB page before the signature.

import {createHash} from 'node:crypto';
import {loadCommands, machHeaderSize, type MachOLayout, readMachO, resizeSegment, segmentNamed, setCommandTotals} from './macho-layout.ts';

const magics = {
	embeddedSignature: 0xfa_de_0c_c0,
	codeDirectory: 0xfa_de_0c_02,
} as const;

const pageBits = 12;
const pageSize = 1 << pageBits;
const hashSize = 32;
const superBlobHeaderSize = 12;
const blobIndexSize = 8;
const codeDirectoryHeaderSize = 88;
const codeSignatureCommandSize = 16;
const mhExecute = 2;

export const codeDirectoryFlags = {
	adHoc: 0x2,
	linkerSigned: 0x2_00_00,
} as const;

const hashTypeSha256 = 2;
/** The CodeDirectory version that carries the executable-segment fields. */
const codeDirectoryVersion = 0x2_04_00;
const execSegmentMainBinary = 0x1;

/** A copy without the code signature and its load command; the file as it is when it has none. */
export function withoutCodeSignature(file: Uint8Array): Uint8Array {
	const layout = readMachO(file);
	const signature = layout.codeSignature;
	if (!signature) {
		return file;
	}

	const linkedit = segmentNamed(layout, '__LINKEDIT');
	const linkeditEnd = linkedit.fileOffset + linkedit.fileSize;
	if (signature.dataOffset + signature.dataSize > file.byteLength || linkeditEnd < signature.dataOffset + signature.dataSize || linkeditEnd !== file.byteLength) {
		throw new Error('the code signature is not at the end of __LINKEDIT and of the file: refusing to cut it off');
	}

	const copy = new Uint8Array(file.subarray(0, signature.dataOffset));
	// The load commands after the signature's move up over it; the freed tail becomes zeros again.
	const commandsEnd = machHeaderSize + layout.commandsSize;
	copy.copyWithin(signature.commandAt, signature.commandAt + codeSignatureCommandSize, commandsEnd);
	copy.fill(0, commandsEnd - codeSignatureCommandSize, commandsEnd);
	setCommandTotals(copy, layout.commandCount - 1, layout.commandsSize - codeSignatureCommandSize);
	resizeSegment(copy, linkedit, signature.dataOffset - linkedit.fileOffset);
	return copy;
}

function signatureSize(codeLimit: number, identifier: string): number {
	const pages = Math.ceil(codeLimit / pageSize);
	return superBlobHeaderSize + blobIndexSize + codeDirectoryHeaderSize + identifier.length + 1 + (pages * hashSize);
}

function freeHeaderSpace(layout: MachOLayout): number {
	const firstData = Math.min(...layout.segments.flatMap(segment => segment.firstSectionOffset ?? []));
	return firstData - (machHeaderSize + layout.commandsSize);
}

/** A copy signed ad hoc under the given identifier (any signature it had is replaced). */
export function adHocSign(input: Uint8Array, identifier: string): Uint8Array {
	if (!/^[\w.-]+$/.test(identifier)) {
		throw new Error(`code signing identifier ${JSON.stringify(identifier)}: use letters, digits, '.', '_' and '-'`);
	}

	const unsigned = withoutCodeSignature(input);
	const layout = readMachO(unsigned);
	if (freeHeaderSpace(layout) < codeSignatureCommandSize) {
		throw new Error('no room after the Mach-O load commands for a code signature command');
	}

	const linkedit = segmentNamed(layout, '__LINKEDIT');
	if (linkedit.fileOffset + linkedit.fileSize !== unsigned.byteLength) {
		throw new Error('__LINKEDIT is not the end of the file: the signature would not be inside it');
	}

	const text = segmentNamed(layout, '__TEXT');
	// The signature starts 16-byte aligned; everything before it is what it signs.
	const codeLimit = Math.ceil(unsigned.byteLength / 16) * 16;
	const size = signatureSize(codeLimit, identifier);
	const signed = new Uint8Array(codeLimit + size);
	signed.set(unsigned);
	const data = new DataView(signed.buffer);

	const commandAt = machHeaderSize + layout.commandsSize;
	data.setUint32(commandAt, loadCommands.codeSignature, true);
	data.setUint32(commandAt + 4, codeSignatureCommandSize, true);
	data.setUint32(commandAt + 8, codeLimit, true);
	data.setUint32(commandAt + 12, size, true);
	setCommandTotals(signed, layout.commandCount + 1, layout.commandsSize + codeSignatureCommandSize);
	resizeSegment(signed, linkedit, codeLimit + size - linkedit.fileOffset);

	// Blobs are big-endian.
	const pages = Math.ceil(codeLimit / pageSize);
	const directoryAt = codeLimit + superBlobHeaderSize + blobIndexSize;
	const identifierAt = codeDirectoryHeaderSize;
	const hashesAt = identifierAt + identifier.length + 1;
	data.setUint32(codeLimit, magics.embeddedSignature);
	data.setUint32(codeLimit + 4, size);
	data.setUint32(codeLimit + 8, 1);
	data.setUint32(codeLimit + 12, 0); // Slot 0: the CodeDirectory.
	data.setUint32(codeLimit + 16, superBlobHeaderSize + blobIndexSize);
	data.setUint32(directoryAt, magics.codeDirectory);
	data.setUint32(directoryAt + 4, size - superBlobHeaderSize - blobIndexSize);
	data.setUint32(directoryAt + 8, codeDirectoryVersion);
	data.setUint32(directoryAt + 12, codeDirectoryFlags.adHoc | codeDirectoryFlags.linkerSigned);
	data.setUint32(directoryAt + 16, hashesAt);
	data.setUint32(directoryAt + 20, identifierAt);
	data.setUint32(directoryAt + 24, 0); // No special slots: no Info.plist, requirements or entitlements.
	data.setUint32(directoryAt + 28, pages);
	data.setUint32(directoryAt + 32, codeLimit);
	data.setUint8(directoryAt + 36, hashSize);
	data.setUint8(directoryAt + 37, hashTypeSha256);
	data.setUint8(directoryAt + 39, pageBits);
	data.setBigUint64(directoryAt + 64, BigInt(text.fileOffset));
	data.setBigUint64(directoryAt + 72, BigInt(text.fileSize));
	data.setBigUint64(directoryAt + 80, BigInt(layout.fileType === mhExecute ? execSegmentMainBinary : 0));
	signed.set(new TextEncoder().encode(identifier), directoryAt + identifierAt);
	// Hashed last: the pages include the header changes above.
	for (let page = 0; page < pages; page++) {
		const bytes = signed.subarray(page * pageSize, Math.min((page + 1) * pageSize, codeLimit));
		signed.set(createHash('sha256').update(bytes).digest(), directoryAt + hashesAt + (page * hashSize));
	}

	return signed;
}

export type CodeDirectory = {
	readonly identifier: string;
	readonly flags: number;
	readonly codeLimit: number;
	readonly pageHashes: readonly string[];
};

/** The CodeDirectory of a signature this file wrote (slot 0 of the SuperBlob). */
export function readCodeDirectory(file: Uint8Array): CodeDirectory {
	const signature = readMachO(file).codeSignature;
	if (!signature) {
		throw new Error('the Mach-O file has no code signature');
	}

	const data = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const at = signature.dataOffset;
	if (data.getUint32(at) !== magics.embeddedSignature || data.getUint32(at + 12) !== 0) {
		throw new Error('the code signature is not a SuperBlob that starts with a CodeDirectory');
	}

	const directoryAt = at + data.getUint32(at + 16);
	if (data.getUint32(directoryAt) !== magics.codeDirectory) {
		throw new Error('slot 0 of the code signature is not a CodeDirectory');
	}

	const hashesAt = directoryAt + data.getUint32(directoryAt + 16);
	const identifierAt = directoryAt + data.getUint32(directoryAt + 20);
	const pages = data.getUint32(directoryAt + 28);
	const hashLength = data.getUint8(directoryAt + 36);
	const identifierEnd = file.indexOf(0, identifierAt);
	return {
		identifier: new TextDecoder().decode(file.subarray(identifierAt, identifierEnd)),
		flags: data.getUint32(directoryAt + 12),
		codeLimit: data.getUint32(directoryAt + 32),
		pageHashes: Array.from({length: pages}, (_, page) => Buffer.from(file.subarray(hashesAt + (page * hashLength), hashesAt + ((page + 1) * hashLength))).toString('hex')),
	};
}
