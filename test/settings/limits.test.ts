import {describe, expect, it} from 'vitest';
import {renderDropIn} from '../../source/settings/drop-in.ts';
import {maxDropInBytes, maxValueBytes} from '../../source/settings/limits.ts';
import {buildSettings, type SettingsInput} from '../../source/settings/settings.ts';
import type {ClusterFacts} from '../../source/settings/types.ts';
import {usageErrorOf} from '../options/usage-error.ts';
import {expectUsageError} from './expect-usage-error.ts';

const facts: ClusterFacts = {clusterDomain: 'cluster.local', podCidrs: [], serviceCidrs: [], nodeInternalIps: []};
const input = (overrides: Partial<SettingsInput>): SettingsInput => ({httpProxy: 'http://proxy:3128', noDefaultNoProxy: true, requireProxy: true, ...overrides});

/** `count` distinct host names of 12 bytes each, comma-separated. */
function hosts(count: number): string {
	return Array.from({length: count}, (_, index) => `h${String(index).padStart(6, '0')}.corp`).join(',');
}

describe('length limits (the kernel refuses environment strings over 128 KiB)', () => {
	it('are far below the kernel\'s and systemd\'s', () => {
		expect(maxValueBytes * 4).toBeLessThanOrEqual(128 * 1024);
		expect(maxDropInBytes * 4).toBeLessThanOrEqual(1024 * 1024);
	});

	it('accept a --no-proxy of exactly the limit', () => {
		const value = hosts(2730).slice(0, maxValueBytes).replace(/,[^,]*$/, '');
		expect(buildSettings(input({noProxy: value}), facts).noProxy.join(',')).toBe(value);
	});

	it('refuse a 131 KB --no-proxy with exit 2, naming the flag and the limit', () => {
		const value = hosts(10_100);
		expect(value.length).toBeGreaterThan(131_000);
		expectUsageError(() => buildSettings(input({noProxy: value}), facts), {
			flag: '--no-proxy',
			position: null,
			message: [`is ${value.length} bytes long, over the limit of 32768 bytes for one variable`],
			hint: ['128 KiB'],
		});
	});

	it('refuse a proxy URL over the limit without showing its password', () => {
		const url = `http://alice:s3cret@proxy:3128/${'p'.repeat(maxValueBytes)}`;
		expectUsageError(() => buildSettings(input({httpProxy: url}), facts), {
			flag: '--http-proxy',
			position: null,
			message: ['over the limit of 32768 bytes'],
			absent: ['s3cret'],
		});
		expectUsageError(() => buildSettings(input({httpsProxy: url}), facts), {flag: '--https-proxy', position: null});
	});

	it('count the NO_PROXY entries computed from the cluster too', () => {
		const nodeInternalIps = Array.from({length: 5000}, (_, index) => `10.${Math.floor(index / 250)}.${index % 250}.1`);
		const error = usageErrorOf(() => buildSettings(input({noDefaultNoProxy: false, noProxy: 'registry.corp'}), {...facts, nodeInternalIps}));
		expect(error.message).toMatch(/^The effective NO_PROXY \(the defaults computed from the cluster and --no-proxy\) is \d+ bytes long, over the limit of 32768 bytes for one variable\.$/);
		expect(error.hint).toContain('--no-default-no-proxy');
	});

	it('renderDropIn refuses values over the limit that bypassed the settings checks', () => {
		expect(() => renderDropIn({noProxy: [hosts(3000)], hasCredentials: false})).toThrow(/Refusing to write NO_PROXY into a systemd unit: it is \d+ bytes long, over the limit of 32768/);
	});
});
