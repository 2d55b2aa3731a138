import {expect, test} from 'vitest';
import {archiveEntries, noticesName} from './archive-contents.ts';
import {targets} from './targets.ts';

const inputs = {license: new Uint8Array([1]), notices: new Uint8Array([2]), executable: new Uint8Array([3]), completion: new Uint8Array([4])};

test('the executable, its completion executable, LICENSE and the notices, in bytewise name order; only the two programs are executable', () => {
	for (const target of targets) {
		const entries = archiveEntries(target, inputs);
		expect(entries.map(entry => entry.name)).toEqual(['LICENSE', noticesName, target.bin, target.completion].sort((a, b) => (a < b ? -1 : 1)));
		expect(entries.map(entry => entry.mode)).toEqual(entries.map(entry => ([target.bin, target.completion].includes(entry.name) ? 0o755 : 0o644)));
	}
});
