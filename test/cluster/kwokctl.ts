// Runs kwokctl with its state under our cache (KWOK_WORKDIR), never under
// ~/.kwok, and never touching ~/.kube/config.

import type {Binaries} from './binaries.ts';
import {kwokWorkdir, type ClusterPaths} from './paths.ts';
import {type RunResult, runOrThrow} from './run.ts';

function env(): NodeJS.ProcessEnv {
	return {...process.env, KWOK_WORKDIR: kwokWorkdir};
}

export function createWithKwokctl(binaries: Binaries, name: string, paths: ClusterPaths): Promise<RunResult> {
	return runOrThrow(binaries.kwokctl, ['--config', paths.kwokctlConfig, '--name', name, 'create', 'cluster', '--kubeconfig', ''], {env: env()});
}

/** Starts whichever components are not running (after stopApiserver). */
export function startWithKwokctl(binaries: Binaries, name: string): Promise<RunResult> {
	return runOrThrow(binaries.kwokctl, ['--name', name, 'start', 'cluster'], {env: env()});
}

export function deleteWithKwokctl(binaries: Binaries, name: string, paths: ClusterPaths): Promise<RunResult> {
	// An empty --kubeconfig is refused here ("empty path"): name a file nobody uses.
	return runOrThrow(binaries.kwokctl, ['--name', name, 'delete', 'cluster', '--kubeconfig', paths.unusedKubeconfig], {env: env()});
}
