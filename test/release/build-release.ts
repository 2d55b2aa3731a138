// `npm run release`: the bundle, a standalone executable per platform, one
// archive per platform and the krew manifest that points at them.
//
//   release/kubectl-proxyinject_v<version>_<os>_<arch>.tar.gz (.zip for windows)
//   release/krew-manifest.yaml, also copied to krew-manifest.yaml at the top
//   release/work/: the bundle, the executables and their build configs

import {createHash} from 'node:crypto';
import {mkdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {run} from '../cluster/run.ts';
import {archiveBytes, archiveEntries, type ArchiveInputs} from './archive-contents.ts';
import {bundleCli} from './bundle.ts';
import {readHostScripts} from './embedded-host-scripts.ts';
import {krewManifestYaml, type ReleasedArchive, releaseTag} from './krew-manifest.ts';
import {type NodePackageFiles, nodePackageFiles} from './node-binaries.ts';
import {prepareNodeBinary} from './prepare-node-binary.ts';
import {releasePaths, repoRoot} from './release-paths.ts';
import {buildSea} from './sea.ts';
import {archiveName, isHost, type Target, targetName, targets} from './targets.ts';
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
	readonly log?: (line: string) => void;
};

export type ReleasedTarget = {
	readonly target: Target;
	readonly archive: string;
	readonly archiveBytes: number;
	readonly sha256: string;
	/** The executable, or the launcher for launcher platforms. */
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

/** SOURCE_DATE_EPOCH when set (reproducible builds), else the time of the last commit. */
async function archiveTime(): Promise<Date> {
	const fromEnvironment = process.env['SOURCE_DATE_EPOCH'];
	if (fromEnvironment && /^\d+$/.test(fromEnvironment)) {
		return new Date(Number(fromEnvironment) * 1000);
	}

	const commit = await run('git', ['log', '-1', '--format=%ct'], {cwd: repoRoot}).catch(() => undefined);
	const seconds = Number(commit?.stdout.trim());
	return new Date(commit?.code === 0 && Number.isInteger(seconds) ? seconds * 1000 : 0);
}

async function buildExecutable(target: Target, bundle: string, node: NodePackageFiles, workDir: string) {
	const dir = join(workDir, targetName(target));
	await mkdir(dir, {recursive: true});
	const prepared = await prepareNodeBinary(target, node.binary, join(dir, `node-${target.bin}`));
	const output = join(dir, target.bin);
	const useCodeCache = isHost(target);
	await buildSea({bundle, node: prepared.path, output, config: join(dir, 'sea-config.json'), useCodeCache});
	await rm(prepared.path);
	return {output, note: `${prepared.note}; ${useCodeCache ? 'with' : 'no'} V8 code cache`};
}

/** Node's binary for every executable platform, and its license (the Windows package has none; it is the same text). */
async function nodeFilesFor(version: string, log: (line: string) => void) {
	const files = new Map<Target, NodePackageFiles>();
	for (const target of targets) {
		if (target.kind === 'executable') {
			files.set(target, await nodePackageFiles(target.nodePackage!, target.nodeBinary!, version, log));
		}
	}

	const license = [...files.values()].find(file => file.license)?.license;
	if (!license) {
		throw new Error(`none of the Node.js ${version} packages carries Node's license`);
	}

	return {files, license};
}

export async function buildRelease(options: ReleaseOptions): Promise<Release> {
	const log = options.log ?? (() => {});
	const {version} = JSON.parse(await readFile(releasePaths.packageJson, 'utf8')) as {version: string};
	const tag = releaseTag(version);
	const nodeVersion = process.versions.node;
	const mtime = await archiveTime();
	await rm(options.workDir, {recursive: true, force: true});
	await mkdir(options.workDir, {recursive: true});
	await mkdir(options.outputDir, {recursive: true});

	log(`bundling source/main.ts (version ${version})`);
	const bundle = await bundleCli({
		root: repoRoot,
		entry: releasePaths.cli,
		outfile: join(options.workDir, 'kubectl-proxyinject.mjs'),
		version,
		hostScripts: readHostScripts(releasePaths.hostScripts),
	});
	for (const warning of bundle.warnings) {
		log(warning);
	}

	const packageNotices = packageDirectories(bundle.inputs).map(directory => packageNotice(join(repoRoot, directory)));
	const node = await nodeFilesFor(nodeVersion, log);
	const executableNotices = Buffer.from(renderNotices([nodeNotice(nodeVersion, node.license), ...packageNotices]));
	const launcherNotices = Buffer.from(renderNotices(packageNotices));
	const license = await readFile(releasePaths.license);
	const released: ReleasedTarget[] = [];
	for (const target of targets) {
		log(`${targetName(target)}: building the ${target.kind}`);
		let inputs: ArchiveInputs;
		let program: string;
		let note: string;
		const nodeFiles = node.files.get(target);
		if (target.kind === 'executable' && nodeFiles) {
			const built = await buildExecutable(target, bundle.file, nodeFiles, options.workDir);
			inputs = {kind: 'executable', license, notices: executableNotices, executable: await readFile(built.output)};
			program = built.output;
			note = built.note;
		} else {
			program = releasePaths.launcher;
			inputs = {kind: 'launcher', license, notices: launcherNotices, launcher: await readFile(program), bundle: await readFile(bundle.file)};
			note = 'bundle + launcher for the Node.js on PATH (>= 22.19)';
		}

		const archive = join(options.outputDir, archiveName(target, tag));
		const bytes = archiveBytes(target, archiveEntries(target, inputs), {mtime});
		await writeFile(archive, bytes);
		released.push({target, archive, archiveBytes: bytes.byteLength, sha256: sha256Of(bytes), program, programBytes: (await stat(program)).size, note});
	}

	const archives: ReleasedArchive[] = released.map(({target, sha256}) => ({target, sha256}));
	const manifestText = krewManifestYaml({version, archives, downloadBase: options.downloadBase});
	const manifest = join(options.outputDir, 'krew-manifest.yaml');
	await writeFile(manifest, manifestText);
	if (options.updateCommittedManifest) {
		await writeFile(releasePaths.committedManifest, manifestText);
	}

	return {version, bundle: bundle.file, bundleBytes: bundle.bytes, manifest, targets: released};
}

function size(bytes: number): string {
	return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function summary(release: Release): string {
	const rows = release.targets.map(item => `  ${targetName(item.target).padEnd(14)} ${item.target.kind.padEnd(10)} ${size(item.programBytes).padStart(10)} ${size(item.archiveBytes).padStart(10)}  ${item.note}`);
	return [
		`kubectl-proxyinject v${release.version}: bundle ${size(release.bundleBytes)}`,
		`  ${'platform'.padEnd(14)} ${'kind'.padEnd(10)} ${'program'.padStart(10)} ${'archive'.padStart(10)}`,
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
