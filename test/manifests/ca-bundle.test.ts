import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {buildManifests} from '../../source/manifests/build-manifests.ts';
import {dataKeys} from '../../source/manifests/names.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import type {CaFileInput} from '../../source/settings/trusted-ca.ts';
import {fixtureNow, proxyCa, secondCa} from '../settings/ca-fixtures.ts';
import {facts, options} from './fixtures.ts';

const settingsWith = (httpsProxy: string, caFiles: readonly CaFileInput[]) =>
	buildSettings({httpsProxy, noDefaultNoProxy: false, requireProxy: true, caFiles, now: fixtureNow}, facts);

describe('--ca-file in the objects apply writes', () => {
	it('the bundle is ConfigMap data, and settings.json describes it', () => {
		const settings = settingsWith('http://proxy.corp:3128', [proxyCa]);
		const {configMap} = buildManifests(settings, options);
		expect(configMap.data![dataKeys.caBundle]).toBe(settings.trustedCa!.pem);
		expect(JSON.parse(configMap.data![dataKeys.settings]!).trustedCa).toEqual(settings.trustedCa!.certificates);
	});

	it('with credentials the drop-in is in the Secret, the public certificates stay in the ConfigMap', () => {
		const settings = settingsWith('http://user:pass@proxy.corp:3128', [proxyCa]);
		const {configMap, secret} = buildManifests(settings, {...options, settingsHashKey: 'key'});
		expect(configMap.data![dataKeys.caBundle]).toBe(settings.trustedCa!.pem);
		expect(Object.keys(secret!.data!)).not.toContain(dataKeys.caBundle);
	});

	it('without --ca-file there is no bundle and settings.json says nothing of one', () => {
		const settings = settingsWith('http://proxy.corp:3128', []);
		const manifests = buildManifests(settings, options);
		expect(manifests.configMap.data![dataKeys.caBundle]).toBeUndefined();
		expect(JSON.parse(manifests.configMap.data![dataKeys.settings]!)).not.toHaveProperty('trustedCa');
	});

	it('the pod template names the one bundle the node may install (an edited ConfigMap cannot add a CA); without --ca-file, none', () => {
		const caEnv = (caFiles: readonly CaFileInput[]) => buildManifests(settingsWith('http://proxy.corp:3128', caFiles), options)
			.injector.spec!.template.spec!.initContainers![0]!.env!.find(variable => variable.name === 'PROXYINJECT_CA_SHA256');
		const settings = settingsWith('http://proxy.corp:3128', [proxyCa]);
		expect(caEnv([proxyCa])).toEqual({name: 'PROXYINJECT_CA_SHA256', value: createHash('sha256').update(settings.trustedCa!.pem).digest('hex')});
		expect(caEnv([])).toBeUndefined();
	});

	it('another CA is other settings: the pods roll', () => {
		const hash = (caFiles: readonly CaFileInput[]) => buildManifests(settingsWith('http://proxy.corp:3128', caFiles), options).settingsHash;
		expect(new Set([hash([]), hash([proxyCa]), hash([secondCa]), hash([proxyCa, secondCa])]).size).toBe(4);
	});
});
