// A small but well-formed Mach-O executable for tests: __PAGEZERO, __TEXT with
// one section, __LINKEDIT last, the way linkers lay out Node's binaries.

const segmentCommandSize = 72;
const sectionSize = 80;

type FixtureSegment = {name: string; fileOffset: number; fileSize: number; vmSize: number; section?: {name: string; offset: number; size: number}};

function writeName(bytes: Uint8Array, at: number, name: string): void {
	bytes.set(new TextEncoder().encode(name), at);
}

export function machOFixture(textBytes = 0x1000, linkeditBytes = 0x180): Uint8Array {
	const textStart = 0x1000;
	const linkeditStart = textStart + textBytes;
	const segments: FixtureSegment[] = [
		{name: '__PAGEZERO', fileOffset: 0, fileSize: 0, vmSize: 0x1_0000_0000},
		{name: '__TEXT', fileOffset: 0, fileSize: linkeditStart, vmSize: linkeditStart, section: {name: '__text', offset: textStart, size: textBytes}},
		{name: '__LINKEDIT', fileOffset: linkeditStart, fileSize: linkeditBytes, vmSize: Math.ceil(linkeditBytes / 0x4000) * 0x4000},
	];
	const bytes = new Uint8Array(linkeditStart + linkeditBytes);
	const data = new DataView(bytes.buffer);
	data.setUint32(0, 0xfe_ed_fa_cf, true);
	data.setUint32(4, 0x0100_000c, true); // arm64
	data.setUint32(12, 2, true); // MH_EXECUTE
	let at = 32;
	let vmAddress = 0n;
	for (const segment of segments) {
		const size = segmentCommandSize + (segment.section ? sectionSize : 0);
		data.setUint32(at, 0x19, true);
		data.setUint32(at + 4, size, true);
		writeName(bytes, at + 8, segment.name);
		data.setBigUint64(at + 24, vmAddress, true);
		data.setBigUint64(at + 32, BigInt(segment.vmSize), true);
		data.setBigUint64(at + 40, BigInt(segment.fileOffset), true);
		data.setBigUint64(at + 48, BigInt(segment.fileSize), true);
		data.setUint32(at + 64, segment.section ? 1 : 0, true);
		if (segment.section) {
			const sectionAt = at + segmentCommandSize;
			writeName(bytes, sectionAt, segment.section.name);
			writeName(bytes, sectionAt + 16, segment.name);
			data.setBigUint64(sectionAt + 40, BigInt(segment.section.size), true);
			data.setUint32(sectionAt + 48, segment.section.offset, true);
		}

		vmAddress += BigInt(segment.vmSize);
		at += size;
	}

	data.setUint32(16, segments.length, true);
	data.setUint32(20, at - 32, true);
	// Something to hash: every byte of code and link-edit data differs from its neighbours.
	for (let index = textStart; index < bytes.byteLength; index++) {
		bytes[index] = (index * 7) & 0xff;
	}

	return bytes;
}
