import {expect, test} from 'vitest';
import {archiveTime, defaultArchiveTime} from './build-release.ts';

test('archived files carry a fixed time, not the time of the build or of the commit', () => {
	expect(archiveTime({})).toBe(defaultArchiveTime);
	expect(defaultArchiveTime.toISOString()).toBe('1980-01-01T00:00:00.000Z');
});

test('SOURCE_DATE_EPOCH sets the time; anything but whole seconds is refused with an example', () => {
	expect(archiveTime({SOURCE_DATE_EPOCH: '1700000000'}).toISOString()).toBe('2023-11-14T22:13:20.000Z');
	expect(archiveTime({SOURCE_DATE_EPOCH: ''})).toBe(defaultArchiveTime);
	expect(() => archiveTime({SOURCE_DATE_EPOCH: 'yesterday'})).toThrow(/SOURCE_DATE_EPOCH=yesterday: give whole seconds.*git log -1/);
});
