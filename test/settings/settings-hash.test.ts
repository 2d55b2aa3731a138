import {describe, expect, it} from 'vitest';
import {settingsHash} from '../../source/settings/settings-hash.ts';
import {buildSettings} from '../../source/settings/settings.ts';

const facts = {clusterDomain: 'cluster.local', podCidrs: ['10.244.0.0/16'], serviceCidrs: [], nodeInternalIps: []};
const settings = (httpProxy: string, noProxy?: string) => buildSettings({httpProxy, noProxy, noDefaultNoProxy: false, requireProxy: true}, facts);

describe('settingsHash', () => {
	it('is 16 hex characters and stable for equal settings', () => {
		const hash = settingsHash(settings('http://proxy:3128'));
		expect(hash).toMatch(/^[0-9a-f]{16}$/);
		expect(settingsHash(settings('HTTP://PROXY:3128/'))).toBe(hash);
	});

	it('changes with any value, the password included', () => {
		const hashes = new Set([
			settingsHash(settings('http://proxy:3128')),
			settingsHash(settings('http://proxy:3129')),
			settingsHash(settings('http://proxy:3128', 'a.corp')),
			settingsHash(settings('http://u:one@proxy:3128')),
			settingsHash(settings('http://u:two@proxy:3128')),
		]);
		expect(hashes.size).toBe(5);
	});

	it('with a key, differs from the plain hash and depends on the key', () => {
		const value = settings('http://u:one@proxy:3128');
		const keyed = settingsHash(value, 'key-1');
		expect(keyed).toMatch(/^[0-9a-f]{16}$/);
		expect(keyed).not.toBe(settingsHash(value));
		expect(keyed).not.toBe(settingsHash(value, 'key-2'));
		expect(settingsHash(value, 'key-1')).toBe(keyed);
	});
});
