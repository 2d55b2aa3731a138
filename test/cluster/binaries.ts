// Where the control-plane binaries are. build-binaries.sh owns the versions
// and the cache layout; this file only asks it.

import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {run} from './run.ts';

export type Binaries = {
	readonly dir: string;
	/** e.g. v1.35.4: what the fake kubelets report. */
	readonly kubeVersion: string;
	readonly etcd: string;
	readonly kubeApiserver: string;
	readonly kubeControllerManager: string;
	readonly kubeScheduler: string;
	readonly kubectl: string;
	readonly kwok: string;
	readonly kwokctl: string;
};

export type BinaryLookup =
	| {readonly found: true; readonly binaries: Binaries}
	| {readonly found: false; readonly reason: string};

const script = fileURLToPath(new URL('build-binaries.sh', import.meta.url));

const noGo = 3;

export function binariesIn(dir: string): Binaries {
	const kubeVersion = /kube-(v\d+\.\d+\.\d+)/.exec(dir)?.[1] ?? 'v0.0.0';
	return {
		dir,
		kubeVersion,
		etcd: join(dir, 'etcd'),
		kubeApiserver: join(dir, 'kube-apiserver'),
		kubeControllerManager: join(dir, 'kube-controller-manager'),
		kubeScheduler: join(dir, 'kube-scheduler'),
		kubectl: join(dir, 'kubectl'),
		kwok: join(dir, 'kwok'),
		kwokctl: join(dir, 'kwokctl'),
	};
}

async function lookup(args: string[], onProgress?: (text: string) => void): Promise<BinaryLookup> {
	const result = await run('sh', [script, ...args], {onStderr: onProgress});
	const dir = result.stdout.trim().split('\n').at(-1) ?? '';
	if (result.code === 0 && dir !== '') {
		return {found: true, binaries: binariesIn(dir)};
	}

	const said = result.stderr.trim().split('\n').at(-1) ?? '';
	const reason = result.code === noGo
		? 'the test cluster binaries are not cached and Go is not installed to build them (test/cluster/build-binaries.sh)'
		: said || `test/cluster/build-binaries.sh exited with ${result.code}`;
	return {found: false, reason};
}

/** The cached binaries, without building anything. */
export function findCachedBinaries(): Promise<BinaryLookup> {
	return lookup(['--cached-only']);
}

/** The cached binaries, building them first when Go is there (15-30 minutes cold). */
export function ensureBinaries(onProgress?: (text: string) => void): Promise<BinaryLookup> {
	return lookup([], onProgress);
}
