// The two builds of the plugin under test, and the PATH that makes kubectl
// find one of them: a folder holding only a `kubectl-proxyinject` link,
// placed before kubectl's own folder, so every run goes through kubectl's
// plugin discovery as a user's does.

import {existsSync, readdirSync, statSync} from 'node:fs';
import {mkdir, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {runOrThrow} from '../cluster/run.ts';
import {buildRelease} from '../release/build-release.ts';
import {releaseTag} from '../release/krew-manifest.ts';
import {packageVersion, releasePaths, repoRoot} from '../release/release-paths.ts';
import {archiveName, isHost, type Target, targetName, targets} from '../release/targets.ts';

export type BuildName = 'dev' | 'release';

export type PluginBuild = {
	readonly name: BuildName;
	/** What kubectl ends up running. */
	readonly program: string;
	/** Folder with the `kubectl-proxyinject` link, to put first on PATH. */
	readonly pathDir: string;
	/** Where it came from, for the report. */
	readonly note: string;
};

const devLauncher = join(repoRoot, 'bin', 'kubectl-proxyinject');
const devEntry = join(repoRoot, 'dist', 'main.js');

function newestTime(directory: string): number {
	return Math.max(0, ...readdirSync(directory, {withFileTypes: true}).map(item => {
		const path = join(directory, item.name);
		return item.isDirectory() ? newestTime(path) : statSync(path).mtimeMs;
	}));
}

function sourceTime(): number {
	return Math.max(newestTime(join(repoRoot, 'source')), statSync(join(repoRoot, 'package-lock.json')).mtimeMs);
}

const modifiedTime = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);

/** The host's executable, as users get it. */
function hostTarget() {
	const target = targets.find(candidate => isHost(candidate));
	if (!target) {
		throw new Error(`no release executable for ${process.platform}/${process.arch}`);
	}

	return target;
}

async function linkDir(dir: string, program: string): Promise<string> {
	await mkdir(dir, {recursive: true});
	await symlink(program, join(dir, 'kubectl-proxyinject'));
	return dir;
}

export async function devBuild(workDir: string): Promise<PluginBuild> {
	if (modifiedTime(devEntry) < newestTime(join(repoRoot, 'source'))) {
		throw new Error('dist/ is older than source/: run `npm run build` first (`npm run bench` does)');
	}

	return {name: 'dev', program: devLauncher, pathDir: await linkDir(join(workDir, 'path-dev'), devLauncher), note: 'bin/kubectl-proxyinject (sh launcher, pinned Node, dist/)'};
}

/**
 * The executable as an installer leaves it: unpacked from its release archive
 * by tar, written in small pieces. The file the build wrote in one piece is
 * cached by the kernel in large folios, and a process that runs it maps far
 * more of it: `--version` of the same bytes peaked at 80 MB of RSS run from
 * the build's file and at 45 MB unpacked.
 */
async function unpacked(archive: string, target: Target, workDir: string): Promise<string> {
	const dir = join(workDir, 'installed');
	await mkdir(dir, {recursive: true});
	await runOrThrow('tar', ['-xzf', archive, '-C', dir, target.bin]);
	return join(dir, target.bin);
}

/**
 * The release executable: `given` if set, as it is; else unpacked from
 * release/'s archive when that is newer than every source file; else from a
 * fresh release build into `workDir` (the committed krew manifest is left
 * alone).
 */
export async function releaseBuild(workDir: string, given: string | undefined, log: (line: string) => void): Promise<PluginBuild> {
	const target = hostTarget();
	const pathDir = join(workDir, 'path-release');
	if (given !== undefined) {
		if (!existsSync(given)) {
			throw new Error(`--release ${given}: no such file`);
		}

		return {name: 'release', program: given, pathDir: await linkDir(pathDir, given), note: `${given} (given)`};
	}

	const archive = archiveName(target, releaseTag(packageVersion()));
	const existing = join(releasePaths.output, archive);
	if (modifiedTime(existing) > sourceTime()) {
		const program = await unpacked(existing, target, workDir);
		return {name: 'release', program, pathDir: await linkDir(pathDir, program), note: `release/${archive} (from \`npm run release\`), unpacked with tar`};
	}

	log(`release archive missing or older than source/: building one into ${workDir}`);
	const release = await buildRelease({outputDir: join(workDir, 'release'), workDir: join(workDir, 'release', 'work'), updateCommittedManifest: false, log: line => log(`release: ${line}`)});
	const built = release.targets.find(item => item.target === target);
	if (!built) {
		throw new Error(`the release build made no ${targetName(target)} executable`);
	}

	const program = await unpacked(built.archive, target, workDir);
	return {name: 'release', program, pathDir: await linkDir(pathDir, program), note: `fresh release build (${targetName(target)} archive, unpacked with tar)`};
}

/** Environment for one tool run: the build's link first, then kubectl, then the rest of PATH. */
export function toolEnv(build: Pick<PluginBuild, 'pathDir'> | undefined, kubectlDir: string, kubeconfig: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const path = [build?.pathDir, kubectlDir, process.env['PATH'] ?? '/usr/bin:/bin'].filter(Boolean).join(':');
	return {...process.env, PATH: path, KUBECONFIG: kubeconfig, ...extra};
}
