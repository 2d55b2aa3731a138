import {spawnSync} from 'node:child_process';
import {chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {releasePaths} from './release-paths.ts';
import {binaryName, bundleName} from './targets.ts';

// The layout krew makes: the archive's files in a store folder, a link to the
// launcher in its bin folder.
let root: string;
let store: string;
let link: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'launcher-test-'));
	store = join(root, 'store', 'proxyinject', 'v1.2.3');
	await mkdir(store, {recursive: true});
	await mkdir(join(root, 'bin'));
	await copyFile(releasePaths.launcher, join(store, binaryName));
	await chmod(join(store, binaryName), 0o755);
	await writeFile(join(store, bundleName), 'console.log(JSON.stringify({argv: process.argv.slice(2), node: process.versions.node}));\n');
	link = join(root, 'bin', binaryName);
	await symlink(join('..', 'store', 'proxyinject', 'v1.2.3', binaryName), link);
});

afterAll(async () => {
	await rm(root, {recursive: true, force: true});
});

/** A folder for PATH holding only a node: the real one, or a script that reports some version. */
async function pathWithNode(name: string, node?: {version: string}): Promise<string> {
	const dir = join(root, name);
	await mkdir(dir);
	if (node) {
		const [major, minor] = node.version.split('.').map(Number);
		const ok = major! > 22 || (major === 22 && minor! >= 19);
		await writeFile(join(dir, 'node'), `#!/bin/sh\n[ "$1" = --version ] && { echo v${node.version}; exit 0; }\nexit ${ok ? 0 : 1}\n`, {mode: 0o755});
	} else {
		await symlink(process.execPath, join(dir, 'node'));
	}

	return dir;
}

function launch(path: string, args: string[]) {
	return spawnSync(link, args, {encoding: 'utf8', env: {PATH: `${path}:/usr/bin:/bin`}});
}

test('runs the bundle next to the link target with the Node on PATH, passing every argument', async () => {
	const result = launch(await pathWithNode('recent'), ['status', '--context', 'a b', '']);
	expect(result.stderr).toBe('');
	expect(JSON.parse(result.stdout)).toEqual({argv: ['status', '--context', 'a b', ''], node: process.versions.node});
	expect(result.status).toBe(0);
});

test('a Node older than 22.19 is named, and nothing runs', async () => {
	const result = launch(await pathWithNode('old', {version: '22.18.0'}), ['--version']);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatch(/Node\.js 22\.19 or newer is needed; .*node is v22\.18\.0/);
	expect(result.status).toBe(1);
});

test('without Node on PATH it says what to install', async () => {
	// Only the tools the launcher uses: the machine may have a Node in /usr/bin.
	const tools = join(root, 'tools');
	await mkdir(tools);
	for (const tool of ['readlink', 'dirname']) {
		const found = spawnSync('sh', ['-c', `command -v ${tool}`], {encoding: 'utf8'}).stdout.trim();
		await symlink(found, join(tools, tool));
	}

	const result = spawnSync(link, ['--version'], {encoding: 'utf8', env: {PATH: tools}});
	expect(result.stderr).toMatch(/Node\.js 22\.19 or newer is needed on PATH/);
	expect(result.status).toBe(1);
});
