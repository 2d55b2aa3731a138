// The release as a user gets it: the build is reproducible and the committed
// manifest is its manifest, hashes included; krew's own validator accepts the
// manifest and installs every platform's archive; krew installs the host's
// archive; kubectl finds the plugin and runs it on a PATH without Node; the
// macOS executables are checked by tools independent of the build.

import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import {copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {ensureBinaries} from '../cluster/binaries.ts';
import {run, runOrThrow} from '../cluster/run.ts';
import {noticesName} from '../release/archive-contents.ts';
import {readSignatureDirectory} from '../release/authenticode.ts';
import {buildRelease, type Release, type ReleasedTarget} from '../release/build-release.ts';
import {readHostScripts} from '../release/embedded-host-scripts.ts';
import {krewManifestYaml} from '../release/krew-manifest.ts';
import {ensureKrewTools, type KrewTools} from '../release/krew-tools.ts';
import {adHocProblem, rcodesignPath, rcodesignVerify} from '../release/rcodesign.ts';
import {packageVersion, releasePaths} from '../release/release-paths.ts';
import {binaryName, completionName, isHost, pluginName, type Target, targetName, targets} from '../release/targets.ts';

const goInstalled = spawnSync('go', ['version'], {stdio: 'ignore'}).status === 0;
const required = process.env['CI'] === 'true';
const version = packageVersion();

let dir: string;
let release: Release;
let krew: KrewTools;
let kubectl: string;
let server: Server;

const released = (predicate: (item: ReleasedTarget) => boolean) => {
	const found = release.targets.find(predicate);
	if (!found) {
		throw new Error('no such target in the release');
	}

	return found;
};

/** A folder holding links to exactly these programs, for a PATH that has nothing else. */
async function pathOf(name: string, programs: Record<string, string>): Promise<string> {
	const folder = join(dir, name);
	await mkdir(folder);
	for (const [link, target] of Object.entries(programs)) {
		await symlink(target, join(folder, link));
	}

	return folder;
}

function serve(folder: string): Promise<string> {
	server = createServer((request, response) => {
		// Only files of the release folder, by name: /<tag>/<archive>.
		const file = join(folder, basename(request.url ?? ''));
		readFile(file).then(
			data => response.writeHead(200, {'content-type': 'application/octet-stream'}).end(data),
			() => response.writeHead(404).end(),
		);
	});
	return new Promise(resolve => {
		server.listen(0, '127.0.0.1', () => {
			resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		});
	});
}

const title = goInstalled || required ? 'release archives and krew manifest' : 'release archives and krew manifest (skipped: Go is not installed to build krew)';

describe.skipIf(!goInstalled && !required)(title, () => {
	beforeAll(async () => {
		expect(goInstalled, 'Go is required when CI=true: krew and kubectl are built with it').toBe(true);
		const tools = await ensureKrewTools();
		if (!tools.found) {
			throw new Error(tools.reason);
		}

		krew = tools.tools;
		const kube = await ensureBinaries();
		if (!kube.found) {
			throw new Error(kube.reason);
		}

		kubectl = kube.binaries.kubectl;
		dir = await mkdtemp(join(tmpdir(), 'release-e2e-'));
		release = await buildRelease({outputDir: join(dir, 'out'), workDir: join(dir, 'work'), updateCommittedManifest: false});
	}, 45 * 60_000);

	test('a second build from the same sources gives byte-identical archives (linux-amd64 and darwin-arm64 rebuilt)', async () => {
		// Two platforms cover every step: ELF stripping, Mach-O signing, tar and gzip
		// (the zip writer's determinism is a unit test). The whole release would take twice as long.
		const again = (target: Target) => targetName(target) === 'linux-amd64' || targetName(target) === 'darwin-arm64';
		const second = await buildRelease({outputDir: join(dir, 'again'), workDir: join(dir, 'again-work'), updateCommittedManifest: false, only: again});
		expect(second.targets.map(item => targetName(item.target))).toEqual(['linux-amd64', 'darwin-arm64']);
		// Otherwise the sources changed between the two builds (an edit while the test ran): nothing to compare.
		expect((await readFile(second.bundle)).equals(await readFile(release.bundle)), 'the bundle differs: were source files edited during the test?').toBe(true);
		for (const item of second.targets) {
			const first = released(candidate => candidate.target === item.target);
			expect(item.sha256, targetName(item.target)).toBe(first.sha256);
			expect((await readFile(item.archive)).equals(await readFile(first.archive))).toBe(true);
		}
	}, 20 * 60_000);

	test('the committed krew-manifest.yaml is this build\'s manifest, archive hashes included', async () => {
		const committed = await readFile(releasePaths.committedManifest, 'utf8');
		const built = await readFile(release.manifest, 'utf8');
		// When this fails: run `npm run release` from a clean checkout and commit krew-manifest.yaml
		// (every change to what the archives hold - source/, dependencies, the release build - changes the hashes).
		expect(committed, 'krew-manifest.yaml is stale: run `npm run release` on a clean tree and commit it').toBe(built);
	});

	afterAll(async () => {
		server?.close();
		if (dir) {
			await rm(dir, {recursive: true, force: true});
		}
	});

	test('the manifest describes this version with the real hash of every archive', async () => {
		const manifest = await readFile(release.manifest, 'utf8');
		expect(manifest).toBe(krewManifestYaml({version, archives: release.targets.map(({target, sha256}) => ({target, sha256}))}));
		for (const item of release.targets) {
			const sum = await runOrThrow('sha256sum', [item.archive]);
			expect(sum.stdout.split(' ')[0]).toBe(item.sha256);
		}
	});

	test('krew\'s validator accepts the manifest and installs the archive of every platform', async () => {
		const base = await serve(join(dir, 'out'));
		const validated = join(dir, 'validate');
		await mkdir(validated);
		// The validator wants the file named after the plugin, and downloads each uri.
		const manifest = join(validated, `${pluginName}.yaml`);
		await writeFile(manifest, krewManifestYaml({version, archives: release.targets, downloadBase: base}));
		const path = await pathOf('validator-path', {kubectl, 'kubectl-krew': krew.krew});
		const result = await run(krew.validator, ['-manifest', manifest], {env: {PATH: path, HOME: dir}});
		expect(result.stderr).toContain(`all ${targets.length} spec.platforms installed fine`);
		expect(result.code).toBe(0);

		// The release's own manifest (GitHub URIs) is structurally valid as well.
		await copyFile(release.manifest, manifest);
		const structural = await run(krew.validator, ['-manifest', manifest, '-skip-install'], {env: {PATH: path, HOME: dir}});
		expect(structural.stderr).toContain('structural validation OK');
		expect(structural.code).toBe(0);
	});

	describe('installed with krew, run through kubectl without Node', () => {
		const cluster = useCluster({name: 'e2e-release', containerd: 2, windows: 1});
		let plainPath: string;
		const env = () => ({PATH: plainPath, HOME: dir});

		beforeAll(async () => {
			const host = release.targets.find(item => isHost(item.target));
			if (!host) {
				throw new Error(`this machine (${process.platform}/${process.arch}) is none of the release's executable platforms`);
			}

			const krewRoot = join(dir, 'krew-root');
			const krewPath = await pathOf('krew-path', {kubectl, 'kubectl-krew': krew.krew});
			await runOrThrow(kubectl, ['krew', 'install', `--manifest=${release.manifest}`, `--archive=${host.archive}`], {env: {PATH: krewPath, HOME: dir, KREW_ROOT: krewRoot}});
			plainPath = `${join(krewRoot, 'bin')}:${await pathOf('kubectl-only', {kubectl})}`;
			for (const folder of plainPath.split(':')) {
				expect(readdirSync(folder)).not.toContain('node');
			}
		}, 120_000);

		test('kubectl proxyinject --version is package.json\'s version', async () => {
			const result = await run(kubectl, ['proxyinject', '--version'], {env: env()});
			expect(result.stderr).toBe('');
			expect(result.stdout).toBe(`${version}\n`);
			expect(result.code).toBe(0);
		});

		test('kubectl proxyinject --help shows the usage', async () => {
			const result = await run(kubectl, ['proxyinject', '--help'], {env: env()});
			expect(result.stdout).toMatch(/Usage:\s+kubectl proxyinject/);
			expect(result.code).toBe(0);
		});

		test('the host scripts travel inside the executable, in the CLI it loads for every command but --help and --version', async () => {
			const result = await run(kubectl, ['proxyinject', 'remove', '--dry-run', '-o', 'json'], {env: env()});
			expect(result.stderr).toBe('');
			const {items} = JSON.parse(result.stdout) as {items: Array<{kind: string; data?: Record<string, string>}>};
			const {'check-drift.sh': check, ...daemonSetScripts} = readHostScripts(releasePaths.hostScripts);
			expect(check).toMatch(/^#!/);
			expect(items.find(item => item.kind === 'ConfigMap')?.data).toEqual(daemonSetScripts);
		});

		test('status, apply and remove work against a real cluster', async () => {
			const kubeconfig = cluster().kubeconfig;
			const plugin = (args: readonly string[]) => run(kubectl, ['proxyinject', ...args, '--kubeconfig', kubeconfig], {env: env()});
			const status = await plugin(['status', '-o', 'json']);
			expect(status.code, status.stderr).toBe(0);
			const nodes = JSON.parse(status.stdout) as Array<{name: string; state: string}>;
			expect(nodes.map(node => `${node.name}:${node.state}`)).toEqual(['containerd-1:unconfigured', 'containerd-2:unconfigured', 'windows-1:skipped']);

			const applied = await plugin(['apply', '--https-proxy', 'http://proxy.corp:3128', '--yes']);
			expect(applied.code, applied.stdout + applied.stderr).toBe(0);
			expect(applied.stdout).toMatch(/done: 2 done, 0 failed/);
			// The drift check's script travels inside the executable too: kwok nodes run no script, so each check ends unknown.
			const checked = await plugin(['status', '--check', '--timeout', '5s']);
			expect(checked.stdout + checked.stderr).not.toMatch(/missing/);
			expect(checked.stdout).toMatch(/containerd-1 .*unknown/);
			expect(checked.code).toBe(1);
			const removed = await plugin(['remove', '--yes']);
			expect(removed.code, removed.stdout + removed.stderr).toBe(0);
			expect(removed.stdout).toMatch(/ConfigMap proxyinject-config deleted/);
		});

		test('completion: the completion executable krew unpacked, linked as the caveats say, completes node names through kubectl', async () => {
			const krewRoot = join(dir, 'krew-root');
			const linked = await run('/bin/sh', ['-c', `ln -sf "$KREW_ROOT"/store/${pluginName}/v*/${completionName} "$KREW_ROOT/bin/"`], {env: {PATH: '/usr/bin:/bin', KREW_ROOT: krewRoot}});
			expect(linked.code, linked.stderr).toBe(0);
			// The completion script follows its link with readlink, which every user's PATH has; still no Node.
			const withReadlink = `${plainPath}:${await pathOf('readlink-only', {readlink: (await runOrThrow('/bin/sh', ['-c', 'command -v readlink'])).stdout.trim()})}`;
			const result = await run(kubectl, ['__complete', 'proxyinject', 'status', '--nodes', ''], {env: {PATH: withReadlink, HOME: dir, KUBECONFIG: cluster().kubeconfig}});
			expect(result.code, result.stderr).toBe(0);
			expect(result.stdout).toBe('containerd-1\ncontainerd-2\nwindows-1\n:6\n');
		});

		test('a NODE_OPTIONS meant for the user\'s own Node does not reach the plugin', async () => {
			const result = await run(kubectl, ['proxyinject', '--version'], {env: {...env(), NODE_OPTIONS: `--require=${join(dir, 'no-such-file.js')}`}});
			expect(result.stdout).toBe(`${version}\n`);
			expect(result.code).toBe(0);
		});
	});

	test('windows: the executable is a PE file without the publisher\'s now-broken signature', async () => {
		const windows = released(item => item.target.os === 'windows');
		const exe = await readFile(windows.program);
		expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
		expect(readSignatureDirectory(exe)).toEqual({offset: 0, size: 0});
	});

	// Nothing here runs macOS code: these check the executables with tools that share nothing with the build.
	const objdump = ['llvm-objdump', 'llvm-objdump-19', 'llvm-objdump-16', 'llvm-objdump-14'].find(tool => spawnSync(tool, ['--version'], {stdio: 'ignore'}).status === 0);
	describe.each(['amd64', 'arm64'])('darwin-%s', arch => {
		const darwin = () => released(item => targetName(item.target) === `darwin-${arch}`);

		test('LLVM parses the Mach-O: the right CPU, a code signature, and the SEA blob holding the bundle', async context => {
			if (!objdump) {
				context.skip('llvm-objdump is not installed');
			}

			const file = darwin().program;
			const headers = await runOrThrow(objdump!, ['--macho', '--private-headers', file]);
			expect(headers.stdout).toMatch(arch === 'amd64' ? /MH_MAGIC_64\s+X86_64/ : /MH_MAGIC_64\s+ARM64/);
			expect(headers.stdout).toMatch(/cmd LC_CODE_SIGNATURE/);
			const section = /sectname __NODE_SEA_BLOB\s+segname NODE_SEA\s+addr \S+\s+size (0x[\da-f]+)\s+offset (\d+)/.exec(headers.stdout);
			expect(section, 'no __NODE_SEA_BLOB section in NODE_SEA').not.toBeNull();
			const bytes = await readFile(file);
			const blob = bytes.subarray(Number(section![2]), Number(section![2]) + Number.parseInt(section![1]!, 16));
			expect(blob.includes(await readFile(release.bundle))).toBe(true);
			// Node's sentinel, flipped to :1 when an application is injected.
			expect(bytes.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true);
		});

		const rcodesign = rcodesignPath();
		test('rcodesign verifies the ad-hoc signature: every page hash matches', async context => {
			if (!rcodesign) {
				context.skip('rcodesign is not built: build it with test/release/build-rcodesign.sh');
			}

			const verification = await rcodesignVerify(rcodesign!, darwin().program);
			expect(verification.problems, verification.output).toEqual([adHocProblem]);
			const info = await runOrThrow(rcodesign!, ['print-signature-info', darwin().program]);
			expect(info.stdout).toMatch(/identifier: kubectl-proxyinject/);
			expect(info.stdout).toMatch(/flags: CodeSignatureFlags\(ADHOC/);
		});

		test('the archive holds the executable, its completion executable, LICENSE and the notices, and nothing else', async () => {
			const listing = await runOrThrow('tar', ['-tvzf', darwin().archive]);
			const rows = listing.stdout.trim().split('\n').map(line => line.split(/\s+/));
			expect(rows.map(row => row.at(-1))).toEqual(['LICENSE', noticesName, binaryName, completionName]);
			expect(rows.map(row => `${row[0]} ${row[1]}`)).toEqual(['-rw-r--r-- root/root', '-rw-r--r-- root/root', '-rwxr-xr-x root/root', '-rwxr-xr-x root/root']);
		});
	});

	// Runs the arm64 executable when qemu and the arm64 libraries Node links are there
	// (Debian: qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libatomic1-arm64-cross).
	const qemu = ['qemu-aarch64-static', 'qemu-aarch64'].find(tool => spawnSync(tool, ['--version'], {stdio: 'ignore'}).status === 0);
	const sysroot = '/usr/aarch64-linux-gnu';
	const canEmulate = qemu !== undefined && ['libstdc++.so.6', 'libatomic.so.1'].every(library => existsSync(join(sysroot, 'lib', library)));
	test('linux-arm64: the executable runs (under qemu)', async context => {
		if (!canEmulate) {
			context.skip('needs qemu-user-static and the arm64 libraries');
		}

		const arm64 = released(item => targetName(item.target) === 'linux-arm64');
		const result = await run(qemu!, ['-L', sysroot, arm64.program, '--version'], {env: {PATH: '/usr/bin:/bin', HOME: dir}});
		expect(result.stdout).toBe(`${version}\n`);
		expect(result.code).toBe(0);
		// --version is the main script's own answer; a dry run loads the embedded CLI.
		const dryRun = await run(qemu!, ['-L', sysroot, arm64.program, 'remove', '--dry-run', '-o', 'json'], {env: {PATH: '/usr/bin:/bin', HOME: dir}});
		expect(dryRun.stderr).toBe('');
		expect((JSON.parse(dryRun.stdout) as {items: unknown[]}).items.length).toBeGreaterThan(0);
	});
});
