// The two builds of the plugin under test, and the PATH that makes kubectl
// find one of them: a folder holding only a `kubectl-proxyinject` link,
// placed before kubectl's own folder, so every run goes through kubectl's
// plugin discovery as a user's does.

import {existsSync, readdirSync, statSync} from 'node:fs';
import {mkdir, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {buildRelease} from '../release/build-release.ts';
import {releasePaths, repoRoot} from '../release/release-paths.ts';
import {isHost, targetName, targets} from '../release/targets.ts';

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
 * The release executable: `given` if set; else release/work's when it is
 * newer than every source file; else a fresh release build into `workDir`
 * (the committed krew manifest is left alone).
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

	const existing = join(releasePaths.work, targetName(target), target.bin);
	if (modifiedTime(existing) > sourceTime()) {
		return {name: 'release', program: existing, pathDir: await linkDir(pathDir, existing), note: `release/work/${targetName(target)}/${target.bin} (from \`npm run release\`)`};
	}

	log(`release executable missing or older than source/: building one into ${workDir}`);
	const release = await buildRelease({outputDir: join(workDir, 'release'), workDir: join(workDir, 'release', 'work'), updateCommittedManifest: false, log: line => log(`release: ${line}`)});
	const built = release.targets.find(item => item.target === target);
	if (!built) {
		throw new Error(`the release build made no ${targetName(target)} executable`);
	}

	return {name: 'release', program: built.program, pathDir: await linkDir(pathDir, built.program), note: `fresh release build (${targetName(target)} single executable)`};
}

/** Environment for one tool run: the build's link first, then kubectl, then the rest of PATH. */
export function toolEnv(build: PluginBuild | undefined, kubectlDir: string, kubeconfig: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const path = [build?.pathDir, kubectlDir, process.env['PATH'] ?? '/usr/bin:/bin'].filter(Boolean).join(':');
	return {...process.env, PATH: path, KUBECONFIG: kubeconfig, ...extra};
}
