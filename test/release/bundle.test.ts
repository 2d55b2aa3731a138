// The single-file bundle runs with nothing around it: no package.json, no
// source/scripts, no node_modules.

import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {bundleCli, bundleSeaMain, type Bundle} from './bundle.ts';
import {readHostScripts} from './embedded-host-scripts.ts';
import {releasePaths, repoRoot} from './release-paths.ts';

let dir: string;
let bundle: Bundle;
const hostScripts = readHostScripts(releasePaths.hostScripts);

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'bundle-test-'));
	bundle = await bundleCli({root: repoRoot, entry: releasePaths.cli, outfile: join(dir, 'cli.mjs'), version: '9.8.7-test', hostScripts});
}, 120_000);

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

function runBundle(file: string, args: string[]) {
	// An empty KUBECONFIG path list keeps any real cluster out of reach.
	return spawnSync(process.execPath, [file, ...args], {cwd: dir, encoding: 'utf8', env: {PATH: process.env['PATH'], HOME: dir, KUBECONFIG: join(dir, 'none')}});
}

test('the version is the one the build defines', () => {
	const result = runBundle(bundle.file, ['--version']);
	expect(result.stderr).toBe('');
	expect(result.stdout).toBe('9.8.7-test\n');
});

test('the host scripts are embedded: a dry run carries every one the DaemonSets run, unchanged', () => {
	const result = runBundle(bundle.file, ['remove', '--dry-run', '-o', 'json']);
	expect(result.stderr).toBe('');
	const {items} = JSON.parse(result.stdout) as {items: Array<{kind: string; data?: Record<string, string>}>};
	const configMap = items.find(item => item.kind === 'ConfigMap');
	expect(Object.keys(hostScripts)).toEqual(expect.arrayContaining(['inject.sh', 'remove.sh', 'check-drift.sh']));
	// The drift check's script is its pod's command, not ConfigMap data.
	const {'check-drift.sh': _check, ...daemonSetScripts} = hostScripts;
	expect(configMap?.data).toEqual(daemonSetScripts);
});

test('everything but Node\'s built-in modules is inside, the interactive UI included', () => {
	expect(bundle.inputs).toEqual(expect.arrayContaining(['source/cli.ts', 'source/engine/cluster-engine.ts', 'source/ui/run-interactive.tsx']));
	expect(bundle.inputs.some(input => input.startsWith('node_modules/yoga-layout/'))).toBe(true);
	expect(bundle.inputs.some(input => input.startsWith('node_modules/@kubernetes/client-node/'))).toBe(true);
});

test('of undici, only the dispatchers the client library builds: not its fetch, WebSocket or mocks', () => {
	expect(bundle.inputs).toEqual(expect.arrayContaining(['node_modules/undici/lib/dispatcher/agent.js', 'node_modules/undici/lib/dispatcher/proxy-agent.js', 'node_modules/undici/lib/api/api-request.js']));
	expect(bundle.inputs.filter(input => /^node_modules\/undici\/(index\.js|lib\/web\/websocket\/|lib\/mock\/)/.test(input))).toEqual([]);
});

test('of the client library, only KubeConfig and the request types: not its index, API classes or models', () => {
	const library = 'node_modules/@kubernetes/client-node/dist/';
	expect(bundle.inputs).toContain(`${library}config.js`);
	expect(bundle.inputs.filter(input => input === `${library}index.js` || input === `${library}gen/index.js` || input.startsWith(`${library}gen/models/`) || input.startsWith(`${library}gen/apis/`) && !input.endsWith('/exception.js'))).toEqual([]);
});

test('meow\'s package normalizer is bundled but not run on load', () => {
	expect(bundle.inputs.some(input => input.startsWith('node_modules/meow/'))).toBe(true);
	const text = readFileSync(bundle.file, 'utf8');
	expect(text).not.toMatch(/normalizeExports\s*=\s*requireNormalize\(\)/);
	expect(text).toMatch(/getDefaultExportFromCjs\(requireNormalize\(\)\)/);
});

test('built-in modules are required where they are used, never imported: no ES facade of node:http loads Node\'s own undici', () => {
	const loaded = spawnSync(process.execPath, ['--input-type=commonjs', '-e', [
		'const before = new Set(process.moduleLoadList);',
		'process.on("exit", () => console.error(process.moduleLoadList.filter(entry => !before.has(entry)).join("\\n")));',
		'require(process.argv[1]);',
	].join('\n'), bundle.file, 'status'], {cwd: dir, encoding: 'utf8', env: {PATH: process.env['PATH'], HOME: dir, KUBECONFIG: join(dir, 'none')}});
	// The cluster path ran: the client library and node:http were loaded.
	expect(loaded.stderr).toMatch(/^error: no kubeconfig/m);
	expect(loaded.stderr).toMatch(/^NativeModule http$/m);
	expect(loaded.stderr).not.toContain('internal/deps/undici');
});

test('require loads the bundle, as the executable does: no top-level await anywhere in it', () => {
	const result = spawnSync(process.execPath, ['--input-type=commonjs', '-e', 'require(process.argv[1])', bundle.file, '--version'], {cwd: dir, encoding: 'utf8'});
	expect(result.stderr).toBe('');
	expect(result.stdout).toBe('9.8.7-test\n');
});

test('the executable\'s main script answers --help and --version without the CLI, and hands every other command to the embedded one', async () => {
	const main = await bundleSeaMain({root: repoRoot, entry: releasePaths.main, outfile: join(dir, 'main.mjs'), version: '9.8.7-test'});
	expect(main.inputs).toEqual(expect.arrayContaining(['source/main.ts', 'source/embedded-cli.ts', 'source/options/help.ts']));
	expect(main.inputs).not.toContain('source/cli.ts');
	expect(main.inputs.some(input => input.startsWith('node_modules/'))).toBe(false);
	expect(runBundle(main.file, ['--version']).stdout).toBe('9.8.7-test\n');
	expect(runBundle(main.file, ['apply', '--help']).stdout).toContain('--https-proxy');
	// Outside an executable there is no asset to load: the command reaches node:sea.
	expect(runBundle(main.file, ['status']).stderr).toMatch(/ERR_NOT_IN_SINGLE_EXECUTABLE_APPLICATION|single-executable/i);
});

test('a package the bundle would have to load from the machine stops the build', async () => {
	const entry = join(dir, 'stray.ts');
	await writeFile(entry, `try { require('no-such-package-here'); } catch {}\n`);
	await expect(bundleCli({root: repoRoot, entry, outfile: join(dir, 'stray.mjs'), version: '0.0.0', hostScripts})).rejects.toThrow(/would load no-such-package-here from the machine/);
});

test('the cluster path loads inside the bundle and fails the way the CLI fails without a kubeconfig', () => {
	const result = runBundle(bundle.file, ['status']);
	expect(result.stderr).toMatch(/^error: no kubeconfig/);
	expect(result.status).toBe(1);
});

test('stubs: react-devtools-core is harmless, optional native modules are absent', async () => {
	const entry = join(dir, 'stubs.ts');
	await writeFile(entry, [
		`import devtools from 'react-devtools-core';`,
		`import {createRequire} from 'node:module';`,
		`devtools.initialize(); devtools.connectToDevTools();`,
		`let absent = '';`,
		`try { require('bufferutil'); } catch (error) { absent = error.code; }`,
		`console.log(absent);`,
	].join('\n'));
	const stubs = await bundleCli({root: repoRoot, entry, outfile: join(dir, 'stubs.mjs'), version: '0.0.0', hostScripts});
	const result = runBundle(stubs.file, []);
	expect(result.stderr).toBe('');
	expect(result.stdout).toBe('MODULE_NOT_FOUND\n');
});
