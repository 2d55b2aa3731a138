import {expect, test} from 'vitest';
import {archiveName, isHost, targetName, targets} from './targets.ts';

test('archives are named by tag and platform; windows gets a zip and an .exe', () => {
	expect(targets.map(target => archiveName(target, 'v1.2.3'))).toEqual([
		'kubectl-proxyinject_v1.2.3_linux_amd64.tar.gz',
		'kubectl-proxyinject_v1.2.3_linux_arm64.tar.gz',
		'kubectl-proxyinject_v1.2.3_windows_amd64.zip',
		'kubectl-proxyinject_v1.2.3_darwin.tar.gz',
	]);
	expect(targets.filter(target => target.os === 'windows').map(target => target.bin)).toEqual(['kubectl-proxyinject.exe']);
});

test('executables come from Node platform packages; darwin runs the bundle with a launcher', () => {
	for (const target of targets) {
		expect(target.kind === 'executable' ? target.nodePackage : 'launcher').toBe(target.os === 'darwin' ? 'launcher' : `node-${target.os === 'windows' ? 'win' : target.os}-${target.arches[0] === 'amd64' ? 'x64' : 'arm64'}`);
	}
});

test('only the build machine\'s own platform counts as the host', () => {
	const hosts = targets.filter(target => isHost(target)).map(target => targetName(target));
	const expected = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64') ? [`linux-${process.arch === 'x64' ? 'amd64' : 'arm64'}`] : [];
	expect(hosts).toEqual(expected);
});
