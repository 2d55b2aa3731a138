import {parse} from 'yaml';
import {expect, test} from 'vitest';
import {archiveUri, krewManifest, krewManifestYaml, shortDescription} from './krew-manifest.ts';
import {targets} from './targets.ts';

const sha = (digit: string) => digit.repeat(64);
const archives = targets.map((target, index) => ({target, sha256: sha(String(index))}));

type Platform = {selector: {matchLabels: Record<string, string>; matchExpressions?: Array<{key: string; operator: string; values: string[]}>}; uri: string; sha256: string; bin: string};
type Manifest = {apiVersion: string; kind: string; metadata: {name: string}; spec: {version: string; homepage: string; shortDescription: string; description: string; caveats: string; platforms: Platform[]}};

const manifest = parse(krewManifestYaml({version: '1.2.3', archives})) as Manifest;

test('the plugin is proxyinject at the version with a v', () => {
	expect(manifest).toMatchObject({apiVersion: 'krew.googlecontainertools.github.com/v1alpha2', kind: 'Plugin', metadata: {name: 'proxyinject'}, spec: {version: 'v1.2.3'}});
	expect(manifest.spec.homepage).toBe('https://github.com/kubectl-proxyinject/kubectl-proxyinject');
});

test('selectors use only os and arch, and no platform is claimed twice', () => {
	const claimed: string[] = [];
	for (const {selector} of manifest.spec.platforms) {
		const keys = [...Object.keys(selector.matchLabels), ...(selector.matchExpressions ?? []).map(expression => expression.key)];
		expect(keys.every(key => key === 'os' || key === 'arch')).toBe(true);
		const arches = selector.matchLabels['arch'] ? [selector.matchLabels['arch']] : selector.matchExpressions?.[0]?.values ?? [];
		claimed.push(...arches.map(arch => `${selector.matchLabels['os']}/${arch}`));
	}

	expect(claimed.sort()).toEqual(['darwin/amd64', 'darwin/arm64', 'linux/amd64', 'linux/arm64', 'windows/amd64']);
});

test('each platform downloads its archive of this version and runs its bin', () => {
	const byOs = (os: string) => manifest.spec.platforms.filter(platform => platform.selector.matchLabels['os'] === os);
	expect(byOs('windows')[0]).toMatchObject({
		bin: 'kubectl-proxyinject.exe',
		uri: 'https://github.com/kubectl-proxyinject/kubectl-proxyinject/releases/download/v1.2.3/kubectl-proxyinject_v1.2.3_windows_amd64.zip',
	});
	expect(byOs('linux').map(platform => platform.uri.split('/').at(-1))).toEqual(['kubectl-proxyinject_v1.2.3_linux_amd64.tar.gz', 'kubectl-proxyinject_v1.2.3_linux_arm64.tar.gz']);
	expect(byOs('darwin').map(platform => [platform.selector.matchLabels['arch'], platform.uri.split('/').at(-1), platform.bin])).toEqual([
		['amd64', 'kubectl-proxyinject_v1.2.3_darwin_amd64.tar.gz', 'kubectl-proxyinject'],
		['arm64', 'kubectl-proxyinject_v1.2.3_darwin_arm64.tar.gz', 'kubectl-proxyinject'],
	]);
	expect(manifest.spec.platforms.map(platform => platform.sha256)).toEqual(archives.map(archive => archive.sha256));
});

test('a download base replaces the releases URL, for a local test server', () => {
	expect(archiveUri(targets[0]!, '1.2.3', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/v1.2.3/kubectl-proxyinject_v1.2.3_linux_amd64.tar.gz');
});

test('texts: a one-line short description, caveats that name what the plugin does to nodes', () => {
	expect(shortDescription).not.toMatch(/[\r\n]/);
	expect(shortDescription.length).toBeLessThanOrEqual(50);
	expect(manifest.spec.caveats).toMatch(/privileged DaemonSet/);
	expect(manifest.spec.caveats).toMatch(/kube-system/);
	expect(manifest.spec.caveats).toMatch(/restarts the container runtime/);
	// Every platform is a standalone executable: nothing to say about a Node.js on PATH.
	expect(manifest.spec.caveats).not.toMatch(/Node/);
	expect(manifest.spec.description.length).toBeGreaterThan(shortDescription.length);
});

test('a sha256 that is not 64 lowercase hex digits is refused', () => {
	expect(() => krewManifest({version: '1.2.3', archives: [{target: targets[0]!, sha256: 'A'.repeat(64)}]})).toThrow(/lowercase hex/);
	expect(() => krewManifest({version: '1.2.3', archives: [{target: targets[0]!, sha256: 'abc'}]})).toThrow(/lowercase hex/);
});
