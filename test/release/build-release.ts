// `npm run release`: the bundle, a standalone executable per platform, one
// archive per platform and the krew manifest that points at them.
//
//   release/kubectl-proxyinject_v<version>_<os>_<arch>.tar.gz (.zip for windows)
//   release/krew-manifest.yaml, also copied to krew-manifest.yaml at the top
//   release/work/: the CLI bundle, the main script, the executables and their build configs
//
// Reproducible: the same commit gives the same archives, byte for byte, on
// every run (test/e2e/release.test.ts builds twice and compares), so the
// committed krew-manifest.yaml carries the real hashes.

import {createHash} from 'node:crypto';
import {mkdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {run} from '../cluster/run.ts';
import {archiveBytes, archiveEntries} from './archive-contents.ts';
import {completionShim} from './completion-shim.ts';
import {bundleCli, bundleSeaMain} from './bundle.ts';
import {readHostScripts} from './embedded-host-scripts.ts';
import {krewManifestYaml, type ReleasedArchive, releaseTag} from './krew-manifest.ts';
import {adHocSign} from './macho-signature.ts';
import {type NodePackageFiles, nodePackageFiles} from './node-binaries.ts';
import {pinnedNodeVersion} from './node-pins.ts';
import {checkRunningNode} from './pinned-node.ts';
import {prepareNodeBinary} from './prepare-node-binary.ts';
import {packageVersion, releasePaths, repoRoot} from './release-paths.ts';
import {buildSea} from './sea.ts';
import {archiveName, binaryName, type Target, targetName, targets} from './targets.ts';
import {nodeNotice, packageDirectories, packageNotice, renderNotices} from './third-party-notices.ts';

export type ReleaseOptions = {
	/** Archives and krew-manifest.yaml go here. */
	readonly outputDir: string;
	/** Intermediate files: the bundle, prepared Node binaries, executables. */
	readonly workDir: string;
	/** Also write the manifest to krew-manifest.yaml at the top of the repository. */
	readonly updateCommittedManifest: boolean;
	/** Where the manifest says the archives are (default: the project's GitHub releases). */
	readonly downloadBase?: string;
	/** Build only these platforms (to check reproducibility cheaply); the manifest then lists only them. */
	readonly only?: (target: Target) => boolean;
	readonly log?: (line: string) => void;
};

export type ReleasedTarget = {
	readonly target: Target;
	readonly archive: string;
	readonly archiveBytes: number;
	readonly sha256: string;
	/** The executable. */
	readonly program: string;
	readonly programBytes: number;
	readonly note: string;
};

export type Release = {
	readonly version: string;
	readonly bundle: string;
	readonly bundleBytes: number;
	readonly manifest: string;
	readonly targets: readonly ReleasedTarget[];
};

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The time every archived file carries: zip's earliest, 1980-01-01 00:00:00 UTC. */
export const defaultArchiveTime = new Date(Date.UTC(1980, 0, 1));

/**
 * SOURCE_DATE_EPOCH when set, else a fixed time. Not the commit's time: the
 * manifest with the archives' hashes is committed, and that commit's time
 * would change the archives it describes.
 */
export function archiveTime(environment: NodeJS.ProcessEnv = process.env): Date {
	const fromEnvironment = environment['SOURCE_DATE_EPOCH'];
	if (fromEnvironment !== undefined && fromEnvironment !== '') {
		if (!/^\d+$/.test(fromEnvironment)) {
			throw new Error(`SOURCE_DATE_EPOCH=${fromEnvironment}: give whole seconds since 1970, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`);
		}

		return new Date(Number(fromEnvironment) * 1000);
	}

	return defaultArchiveTime;
}

async function buildExecutable(target: Target, scripts: {main: string; bundle: string}, node: NodePackageFiles, workDir: string) {
	const dir = join(workDir, targetName(target));
	await mkdir(dir, {recursive: true});
	const prepared = await prepareNodeBinary(target, node.binary, join(dir, `node-${target.bin}`));
	const output = join(dir, target.bin);
	await buildSea({...scripts, node: prepared.path, output, config: join(dir, 'sea-config.json')});
	await rm(prepared.path);
	if (target.os === 'darwin') {
		await writeFile(output, adHocSign(await readFile(output), binaryName));
		return {output, note: `${prepared.note}, signed ad hoc`};
	}

	return {output, note: prepared.note};
}

/** Node's binary for every platform, and its license (the Windows package has none; it is the same text). */
async function nodeFilesFor(chosen: readonly Target[], log: (line: string) => void) {
	const files = new Map<Target, NodePackageFiles>();
	for (const target of chosen) {
		files.set(target, await nodePackageFiles(target.nodePackage, target.nodeBinary, log));
	}

	const license = [...files.values()].find(file => file.license)?.license;
	if (!license) {
		throw new Error(`none of the Node.js ${pinnedNodeVersion} packages carries Node's license`);
	}

	return {files, license};
}

/** Files whose uncommitted changes would go into the release (the committed manifest would not match a clean checkout). */
async function uncommittedInputs(): Promise<string[]> {
	const status = await run('git', ['status', '--porcelain', '--', 'source', 'package.json', 'package-lock.json', 'LICENSE', 'test/release', 'bin/kubectl_complete-proxyinject'], {cwd: repoRoot}).catch(() => undefined);
	return status?.code === 0 ? status.stdout.split('\n').filter(Boolean).map(line => line.slice(3)) : [];
}

export async function buildRelease(options: ReleaseOptions): Promise<Release> {
	const log = options.log ?? (() => {});
	const version = packageVersion();
	const tag = releaseTag(version);
	const chosen = targets.filter(target => options.only?.(target) ?? true);
	if (options.updateCommittedManifest && chosen.length !== targets.length) {
		throw new Error('the committed krew-manifest.yaml lists every platform: build them all to update it');
	}

	await checkRunningNode();
	const mtime = archiveTime();
	await rm(options.workDir, {recursive: true, force: true});
	await mkdir(options.workDir, {recursive: true});
	await mkdir(options.outputDir, {recursive: true});

	log(`bundling source/cli.ts and source/main.ts (version ${version})`);
	const bundle = await bundleCli({
		root: repoRoot,
		entry: releasePaths.cli,
		outfile: join(options.workDir, 'kubectl-proxyinject.mjs'),
		version,
		hostScripts: readHostScripts(releasePaths.hostScripts),
	});
	const main = await bundleSeaMain({root: repoRoot, entry: releasePaths.main, outfile: join(options.workDir, 'main.mjs'), version});
	for (const warning of [...bundle.warnings, ...main.warnings]) {
		log(warning);
	}

	const packageNotices = packageDirectories(bundle.inputs).map(directory => packageNotice(join(repoRoot, directory)));
	const node = await nodeFilesFor(chosen, log);
	const notices = Buffer.from(renderNotices([nodeNotice(pinnedNodeVersion, node.license), ...packageNotices]));
	const license = await readFile(releasePaths.license);
	const released: ReleasedTarget[] = [];
	for (const target of chosen) {
		log(`${targetName(target)}: building the executable`);
		const built = await buildExecutable(target, {main: main.file, bundle: bundle.file}, node.files.get(target)!, options.workDir);
		const archive = join(options.outputDir, archiveName(target, tag));
		const bytes = archiveBytes(target, archiveEntries(target, {license, notices, executable: await readFile(built.output), completion: await completionShim(target)}), {mtime});
		await writeFile(archive, bytes);
		released.push({target, archive, archiveBytes: bytes.byteLength, sha256: sha256Of(bytes), program: built.output, programBytes: (await stat(built.output)).size, note: built.note});
	}

	const archives: ReleasedArchive[] = released.map(({target, sha256}) => ({target, sha256}));
	const manifestText = krewManifestYaml({version, archives, downloadBase: options.downloadBase});
	const manifest = join(options.outputDir, 'krew-manifest.yaml');
	await writeFile(manifest, manifestText);
	if (options.updateCommittedManifest) {
		await writeFile(releasePaths.committedManifest, manifestText);
		const uncommitted = await uncommittedInputs();
		if (uncommitted.length > 0) {
			log(`warning: krew-manifest.yaml describes uncommitted changes (${uncommitted.join(', ')}); commit them, or build from a clean checkout, before committing it`);
		}
	}

	return {version, bundle: bundle.file, bundleBytes: bundle.bytes, manifest, targets: released};
}

function size(bytes: number): string {
	return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function summary(release: Release): string {
	const rows = release.targets.map(item => `  ${targetName(item.target).padEnd(14)} ${size(item.programBytes).padStart(10)} ${size(item.archiveBytes).padStart(10)}  ${item.note}`);
	return [
		`kubectl-proxyinject v${release.version}: bundle ${size(release.bundleBytes)}`,
		`  ${'platform'.padEnd(14)} ${'program'.padStart(10)} ${'archive'.padStart(10)}`,
		...rows,
		`manifest: ${release.manifest}`,
	].join('\n');
}

if (import.meta.main) {
	const started = Date.now();
	const release = await buildRelease({
		outputDir: releasePaths.output,
		workDir: releasePaths.work,
		updateCommittedManifest: true,
		log: line => process.stderr.write(`release: ${line}\n`),
	});
	process.stdout.write(`${summary(release)}\nkrew-manifest.yaml updated; built in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
