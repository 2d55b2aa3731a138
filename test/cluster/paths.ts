// Where test clusters live on disk: under the same cache as the binaries, so
// a cluster started by `npm run cluster -- up` can be found again by name.

import {homedir} from 'node:os';
import {join} from 'node:path';

export const cacheRoot = process.env['PROXYINJECT_TEST_CACHE']
	?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'kubectl-proxyinject');

/** KWOK_WORKDIR: kwokctl keeps its clusters under clusters/<name>. */
export const kwokWorkdir = join(cacheRoot, 'kwok');

export type ClusterPaths = {
	/** kwokctl's own folder for the cluster (deleted by `kwokctl delete cluster`). */
	readonly kwokDir: string;
	readonly adminKubeconfig: string;
	readonly pidsDir: string;
	/** Ours: configs, fake logs, the restricted kubeconfig, the spec it was made from. */
	readonly ownDir: string;
	readonly kwokctlConfig: string;
	readonly failingKwokConfig: string;
	/** A differently named link to kwok: kwokctl keys pid and log files by binary name. */
	readonly failingKwokBinary: string;
	readonly healthyLog: string;
	readonly failingLog: string;
	readonly restrictedKubeconfig: string;
	readonly spec: string;
	/** The kubelet ports of the two kwok controllers. */
	readonly ports: string;
	/** Passed to kwokctl so it never edits ~/.kube/config. */
	readonly unusedKubeconfig: string;
	/** The audit policy given in the spec, if any (kwokctl copies it into its folder). */
	readonly auditPolicy: string;
	/** Where kube-apiserver writes its audit log when there is a policy (JSON lines). */
	readonly auditLog: string;
	/** kube-apiserver's way to the real nodes' kubelets. */
	readonly egressSelector: string;
	/** The real node VMs and their host services (under kwokDir: process command lines name it). */
	readonly realNodesDir: string;
};

export function clusterPaths(name: string): ClusterPaths {
	const kwokDir = join(kwokWorkdir, 'clusters', name);
	const ownDir = join(kwokWorkdir, 'proxyinject', name);
	return {
		kwokDir,
		adminKubeconfig: join(kwokDir, 'kubeconfig.yaml'),
		pidsDir: join(kwokDir, 'pids'),
		ownDir,
		kwokctlConfig: join(ownDir, 'kwokctl.yaml'),
		failingKwokConfig: join(ownDir, 'kwok-failing.yaml'),
		failingKwokBinary: join(ownDir, 'kwok-failing'),
		healthyLog: join(ownDir, 'healthy.log'),
		failingLog: join(ownDir, 'failing-inject.log'),
		restrictedKubeconfig: join(ownDir, 'restricted.kubeconfig'),
		spec: join(ownDir, 'spec.json'),
		ports: join(ownDir, 'ports.json'),
		unusedKubeconfig: join(ownDir, 'unused.kubeconfig'),
		auditPolicy: join(ownDir, 'audit-policy.yaml'),
		auditLog: join(kwokDir, 'logs', 'audit.log'),
		egressSelector: join(ownDir, 'egress-selector.yaml'),
		realNodesDir: join(kwokDir, 'real-nodes'),
	};
}
