import {describe, expect, it} from 'vitest';
import {buildConfigMap} from '../../source/manifests/configmap.ts';
import {dataKeys, labelKeys} from '../../source/manifests/names.ts';
import {scripts, settingsFor} from './fixtures.ts';

describe('buildConfigMap', () => {
	it('carries the scripts byte for byte under their file names', () => {
		const configMap = buildConfigMap({namespace: 'ns', scripts});
		expect(configMap).toMatchObject({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'proxyinject-config', namespace: 'ns'}});
		expect(configMap.data).toEqual(scripts);
		expect(configMap.metadata!.labels![labelKeys.component]).toBe('config');
	});

	it('adds settings.json with masked URLs and the hash', () => {
		const settings = settingsFor('http://alice:pw%21x@proxy:3128');
		const configMap = buildConfigMap({namespace: 'ns', scripts, settings, settingsHash: 'abcdef0123456789'});
		const document = JSON.parse(configMap.data![dataKeys.settings]!);
		expect(document).toEqual({
			httpProxy: 'http://***@proxy:3128',
			httpsProxy: 'http://***@proxy:3128',
			noProxy: [...settings.noProxy],
			hasCredentials: true,
			settingsHash: 'abcdef0123456789',
		});
		expect(configMap.data![dataKeys.dropIn]).toBeUndefined();
	});
});
