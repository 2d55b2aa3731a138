// Where the control-plane binaries are. build-binaries.sh owns the versions
// and the cache layout; this file only asks it.

import {join} from 'node:path';
import {runToolCacheScript, type ToolsMissing} from './tool-cache-script.ts';

export type Binaries = {
	readonly dir: string;
	/** e.g. v1.35.4: what the fake kubelets report. */
	readonly kubeVersion: string;
	readonly etcd: string;
	readonly kubeApiserver: string;
	readonly kubeControllerManager: string;
	readonly kubeScheduler: string;
	readonly kubectl: string;
	/** For the real node VMs. */
	readonly kubelet: string;
	readonly kwok: string;
	readonly kwokctl: string;
};

export type BinaryLookup = {readonly found: true; readonly binaries: Binaries} | ToolsMissing;

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
		kubelet: join(dir, 'kubelet'),
		kwok: join(dir, 'kwok'),
		kwokctl: join(dir, 'kwokctl'),
	};
}

async function lookup(args: string[], onProgress?: (text: string) => void): Promise<BinaryLookup> {
	const answer = await runToolCacheScript({
		script: 'test/cluster/build-binaries.sh',
		args,
		withoutGo: 'the test cluster binaries are not cached and Go is not installed to build them',
		onProgress,
	});
	return answer.found ? {found: true, binaries: binariesIn(answer.dir)} : answer;
}

/** The cached binaries, without building anything. */
export function findCachedBinaries(): Promise<BinaryLookup> {
	return lookup(['--cached-only']);
}

/** The cached binaries, building them first when Go is there (15-30 minutes cold). */
export function ensureBinaries(onProgress?: (text: string) => void): Promise<BinaryLookup> {
	return lookup([], onProgress);
}
