// Where a release build reads from and writes to. Downloads and tools are
// cached outside the repository, next to the test cluster's binaries.

import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {cacheRoot} from '../cluster/paths.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const releasePaths = {
	/** The executable's main script: answers --help and --version, loads the CLI for the rest. */
	main: join(repoRoot, 'source', 'main.ts'),
	cli: join(repoRoot, 'source', 'cli.ts'),
	hostScripts: join(repoRoot, 'source', 'scripts'),
	packageJson: join(repoRoot, 'package.json'),
	license: join(repoRoot, 'LICENSE'),
	committedManifest: join(repoRoot, 'krew-manifest.yaml'),
	/** Gitignored output: archives, manifest, and the intermediate files under work/. */
	output: join(repoRoot, 'release'),
	work: join(repoRoot, 'release', 'work'),
} as const;

/** The version package.json gives the plugin: the release's tag and the manifest's version. */
export function packageVersion(): string {
	return (JSON.parse(readFileSync(releasePaths.packageJson, 'utf8')) as {version: string}).version;
}

/** Node binaries from the npm registry, by version and package. */
export function nodeCacheDir(version: string, nodePackage: string): string {
	return join(cacheRoot, 'node', `v${version}`, nodePackage);
}

/** Go tools (krew and its validator), by version. */
export function krewToolsDir(version: string): string {
	return join(cacheRoot, 'bin', `krew-${version}`);
}
