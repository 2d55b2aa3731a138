import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {buildManifests, buildRemovalManifests} from '../../source/manifests/build-manifests.ts';
import {hostScriptsDirectory} from '../../source/manifests/host-scripts.ts';
import {annotationKeys, dataKeys} from '../../source/manifests/names.ts';
import {manifestsToJson, manifestsToYaml} from '../../source/manifests/to-yaml.ts';
import {scriptSums} from '../../source/manifests/verified-run.ts';
import {renderDropIn} from '../../source/settings/drop-in.ts';
import {settingsHash} from '../../source/settings/settings-hash.ts';
import {options, scripts, settingsFor} from './fixtures.ts';

const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('buildManifests without credentials', () => {
	const settings = settingsFor('http://proxy.corp:3128');
	const manifests = buildManifests(settings, options);

	it('has no Secret; the ConfigMap carries the drop-in', () => {
		expect(manifests.secret).toBeUndefined();
		expect(manifests.configMap.data![dataKeys.dropIn]).toBe(renderDropIn(settings));
	});

	it('puts the namespace on every object', () => {
		expect(manifests.configMap.metadata!.namespace).toBe('proxy-system');
		expect(manifests.injector.metadata!.namespace).toBe('proxy-system');
	});

	it('annotates the injector pods with the hash of the drop-in and the scripts', () => {
		expect(manifests.settingsHash).toBe(settingsHash(settings, undefined, scriptSums(scripts)));
		expect(manifests.injector.spec!.template.metadata!.annotations![annotationKeys.settingsHash]).toBe(manifests.settingsHash);
	});

	it('uses the images it is given', () => {
		const pod = manifests.injector.spec!.template.spec!;
		expect(pod.initContainers![0]!.image).toBe('registry.example/tools:1');
		expect(pod.containers[0]!.image).toBe('registry.example/pause:1');
	});

	it('ignores a hash key when there is no password to protect', () => {
		const keyed = buildManifests(settings, {...options, settingsHashKey: 'k'});
		expect(keyed.settingsHash).toBe(manifests.settingsHash);
	});
});

describe('buildManifests with credentials', () => {
	const httpPassword = 'Zq7%40vX%2Fh1dden';
	const httpsPassword = 'Wm3%25other%3Asecret';
	const decodedPasswords = ['Zq7@vX/h1dden', 'Wm3%other:secret'];
	const settings = settingsFor(`http://alice:${httpPassword}@proxy.corp:3128`, `http://bob:${httpsPassword}@proxy.corp:3129`);
	const manifests = buildManifests(settings, {...options, settingsHashKey: 'hash-key'});

	it('puts the full drop-in, and the hash key, in an Opaque Secret', () => {
		const secret = manifests.secret!;
		expect(secret).toMatchObject({apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: {name: 'proxyinject-credentials', namespace: 'proxy-system'}});
		expect(Object.keys(secret.data!).sort()).toEqual([dataKeys.dropIn, dataKeys.settingsHashKey]);
		expect(decode(secret.data![dataKeys.dropIn]!)).toBe(renderDropIn(settings));
		expect(decode(secret.data![dataKeys.dropIn]!)).toContain(httpPassword.replaceAll('%', '%%'));
		expect(decode(secret.data![dataKeys.settingsHashKey]!)).toBe('hash-key');
		expect(secret.stringData).toBeUndefined();
	});

	it('keeps the drop-in out of the ConfigMap', () => {
		expect(manifests.configMap.data![dataKeys.dropIn]).toBeUndefined();
	});

	it('mounts the Secret in the injector', () => {
		expect(manifests.injector.spec!.template.spec!.volumes!.map(volume => volume.name)).toContain('credentials');
	});

	it('uses a keyed settings hash', () => {
		expect(manifests.settingsHash).toBe(settingsHash(settings, 'hash-key', scriptSums(scripts)));
		expect(manifests.settingsHash).not.toBe(settingsHash(settings, undefined, scriptSums(scripts)));
	});

	it('writes the password nowhere but the Secret', () => {
		const others = [manifests.configMap, manifests.injector];
		const serialised = [
			JSON.stringify(others),
			manifestsToYaml(others),
			manifestsToJson(others),
			JSON.stringify(manifests.settingsHash),
		].join('\n');
		// The check must be able to fail: the Secret itself does contain them.
		const secretText = decode(manifests.secret!.data![dataKeys.dropIn]!).replaceAll('%%', '%');
		for (const password of [httpPassword, httpsPassword]) {
			expect(secretText).toContain(password);
			expect(serialised).not.toContain(password);
			expect(serialised).not.toContain(password.replaceAll('%', '%%'));
			expect(serialised.toLowerCase()).not.toContain(password.toLowerCase());
		}

		for (const decoded of decodedPasswords) {
			expect(serialised).not.toContain(decoded);
		}

		expect(serialised).not.toContain(manifests.secret!.data![dataKeys.dropIn]!);
		expect(serialised).toContain('http://***@proxy.corp:3128');
	});
});

describe('buildManifests defaults', () => {
	it('ships every host script the DaemonSets run when none are given, including the helpers they source; the drift check\'s is its pod\'s command instead', () => {
		const {scripts: _scripts, ...withoutScripts} = options;
		const manifests = buildManifests(settingsFor('http://proxy:3128'), withoutScripts);
		const removal = buildRemovalManifests(withoutScripts);
		const shipped = readdirSync(hostScriptsDirectory).filter(file => file.endsWith('.sh') && file !== dataKeys.checkScript);
		for (const data of [manifests.configMap.data!, removal.configMap.data!]) {
			expect(Object.keys(data)).not.toContain(dataKeys.checkScript);
			for (const file of shipped) {
				expect(data[file]).toBe(readFileSync(new URL(file, hostScriptsDirectory), 'utf8'));
			}

			expect(data[dataKeys.injectScript]).toMatch(/^#!/);
			expect(data[dataKeys.removeScript]).toMatch(/^#!/);
			// What a script sources from its own directory must be in the ConfigMap too.
			for (const script of [data[dataKeys.injectScript]!, data[dataKeys.removeScript]!]) {
				for (const [, sourced] of script.matchAll(/^\s*\.\s+"\$script_dir\/([\w.-]+)"/gm)) {
					expect(Object.keys(data)).toContain(sourced);
				}
			}
		}
	});
});

describe('the scripts in the pod template', () => {
	const settings = settingsFor('http://proxy:3128');

	it('carry the sha256 of every script, and a changed script changes the hash (the pods roll)', () => {
		const manifests = buildManifests(settings, options);
		const env = manifests.injector.spec!.template.spec!.initContainers![0]!.env!;
		expect(env).toContainEqual({name: 'PROXYINJECT_SCRIPT_SHA256SUMS', value: scriptSums(scripts)});
		expect(scriptSums(scripts).split('\n').map(line => line.split('  ')[1])).toEqual(Object.keys(scripts).sort());

		const edited = buildManifests(settings, {...options, scripts: {...scripts, 'inject.sh': `${scripts['inject.sh']}# edited\n`}});
		expect(edited.settingsHash).not.toBe(manifests.settingsHash);
	});

	it('the ConfigMap maps each node to the runtime the API server reports; the hash does not depend on it', () => {
		const manifests = buildManifests(settings, {...options, nodeRuntimes: {'node-b': 'docker', 'node-a': 'containerd'}});
		expect(manifests.configMap.data![dataKeys.nodeRuntimes]).toBe('node-a containerd\nnode-b docker\n');
		expect(manifests.settingsHash).toBe(buildManifests(settings, options).settingsHash);
	});
});

describe('buildRemovalManifests', () => {
	const removal = buildRemovalManifests(options);

	it('ships the scripts only', () => {
		expect(removal.configMap.data).toEqual(scripts);
		expect(removal.configMap.metadata).toMatchObject({name: 'proxyinject-config', namespace: 'proxy-system'});
	});

	it('builds the remover with the given images', () => {
		const pod = removal.remover.spec!.template.spec!;
		expect(removal.remover.metadata!.name).toBe('proxyinject-remover');
		expect(pod.initContainers![0]!.image).toBe('registry.example/tools:1');
		expect(pod.containers[0]!.image).toBe('registry.example/pause:1');
	});
});

describe('manifest objects', () => {
	it('share no object between two builds or two parts of one build', () => {
		const settings = settingsFor('http://proxy:3128');
		const first = buildManifests(settings, options);
		const second = buildManifests(settings, options);
		first.injector.metadata!.labels!.extra = 'x';
		first.injector.spec!.template.spec!.tolerations!.push({key: 'k'});
		first.injector.spec!.template.spec!.initContainers![0]!.resources!.limits!.memory = '1Gi';
		expect(first.injector.spec!.template.metadata!.labels!.extra).toBeUndefined();
		expect(first.injector.spec!.template.spec!.containers[0]!.resources!.limits!.memory).toBe('64Mi');
		expect(second.injector.metadata!.labels!.extra).toBeUndefined();
		expect(second.injector.spec!.template.spec!.tolerations).toEqual([{operator: 'Exists'}]);
	});
});
