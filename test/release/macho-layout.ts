// Just enough of a thin 64-bit little-endian Mach-O (what Node ships for
// darwin-x64 and darwin-arm64) to find its segments and its code signature.

export const loadCommands = {
	segment64: 0x19,
	codeSignature: 0x1d,
} as const;

const magic64 = 0xfe_ed_fa_cf;
const fatMagic = 0xca_fe_ba_be;
export const machHeaderSize = 32;

export type Segment = {
	readonly name: string;
	/** Where its load command starts in the file. */
	readonly commandAt: number;
	readonly fileOffset: number;
	readonly fileSize: number;
	/** The lowest file offset of its sections that carry file data (headers and load commands must end before it). */
	readonly firstSectionOffset?: number;
};

export type CodeSignatureCommand = {
	readonly commandAt: number;
	readonly dataOffset: number;
	readonly dataSize: number;
};

export type MachOLayout = {
	readonly fileType: number;
	readonly commandCount: number;
	readonly commandsSize: number;
	readonly segments: readonly Segment[];
	readonly codeSignature?: CodeSignatureCommand;
};

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function cString(bytes: Uint8Array, at: number, length: number): string {
	const raw = bytes.subarray(at, at + length);
	const end = raw.indexOf(0);
	return new TextDecoder('latin1').decode(end === -1 ? raw : raw.subarray(0, end));
}

export function readMachO(bytes: Uint8Array): MachOLayout {
	if (bytes.byteLength < machHeaderSize) {
		throw new Error('not a Mach-O file: shorter than its header');
	}

	const data = view(bytes);
	if (data.getUint32(0, false) === fatMagic) {
		throw new Error('a universal (fat) Mach-O: only thin 64-bit files are handled');
	}

	if (data.getUint32(0, true) !== magic64) {
		throw new Error('not a 64-bit little-endian Mach-O file');
	}

	const fileType = data.getUint32(12, true);
	const commandCount = data.getUint32(16, true);
	const commandsSize = data.getUint32(20, true);
	if (machHeaderSize + commandsSize > bytes.byteLength) {
		throw new Error('the Mach-O load commands run past the end of the file');
	}

	const segments: Segment[] = [];
	let codeSignature: CodeSignatureCommand | undefined;
	let at = machHeaderSize;
	for (let index = 0; index < commandCount; index++) {
		const command = data.getUint32(at, true);
		const size = data.getUint32(at + 4, true);
		if (size < 8 || at + size > machHeaderSize + commandsSize) {
			throw new Error(`Mach-O load command ${index} has a bad size (${size})`);
		}

		if (command === loadCommands.segment64) {
			const sectionCount = data.getUint32(at + 64, true);
			const offsets: number[] = [];
			for (let section = 0; section < sectionCount; section++) {
				const sectionAt = at + 72 + (section * 80);
				const offset = data.getUint32(sectionAt + 48, true);
				if (offset !== 0) {
					offsets.push(offset);
				}
			}

			segments.push({
				name: cString(bytes, at + 8, 16),
				commandAt: at,
				fileOffset: Number(data.getBigUint64(at + 40, true)),
				fileSize: Number(data.getBigUint64(at + 48, true)),
				...(offsets.length > 0 && {firstSectionOffset: Math.min(...offsets)}),
			});
		} else if (command === loadCommands.codeSignature) {
			codeSignature = {commandAt: at, dataOffset: data.getUint32(at + 8, true), dataSize: data.getUint32(at + 12, true)};
		}

		at += size;
	}

	return {fileType, commandCount, commandsSize, segments, ...(codeSignature && {codeSignature})};
}

export function segmentNamed(layout: MachOLayout, name: string): Segment {
	const found = layout.segments.find(segment => segment.name === name);
	if (!found) {
		throw new Error(`the Mach-O file has no ${name} segment`);
	}

	return found;
}

/** Sets a segment's file size, and its memory size to cover it in whole 16 KiB pages (arm64's page size, a multiple of x86-64's). */
export function resizeSegment(bytes: Uint8Array, segment: Segment, fileSize: number): void {
	const data = view(bytes);
	data.setBigUint64(segment.commandAt + 48, BigInt(fileSize), true);
	data.setBigUint64(segment.commandAt + 32, BigInt(Math.ceil(fileSize / 0x4000) * 0x4000), true);
}

export function setCommandTotals(bytes: Uint8Array, count: number, size: number): void {
	const data = view(bytes);
	data.setUint32(16, count, true);
	data.setUint32(20, size, true);
}
