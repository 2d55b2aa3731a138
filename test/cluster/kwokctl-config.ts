// The configuration files kwokctl and the second kwok controller read. Pure:
// paths and ports in, YAML documents out.
//
// kwokctl's binary runtime runs etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler and its kwok controller from the local binaries given here
// (it links them into the cluster folder; nothing is downloaded), all bound to
// 127.0.0.1. A second kwok controller, declared as an extra component so
// kwokctl starts and stops it with the rest, takes the nodes labelled failing:
// one kwok serves logs for every node it manages, so failing nodes need their
// own to show failure logs.

import {stringify} from 'yaml';
import type {Binaries} from './binaries.ts';
import {clusterLogs} from './fake-logs.ts';
import {kubeletAddressTypes} from './node-manifest.ts';
import type {ClusterPaths} from './paths.ts';
import {failingStages, healthyStages, type PodTiming} from './stages.ts';
import {testLabels} from './test-labels.ts';

export type KwokPorts = {readonly healthy: number; readonly failing: number};

/** Lease-based liveness; kwokctl multiplies its defaults by its heartbeat factor (5) the same way. */
const nodeLeaseDurationSeconds = 200;

// kwokctl rewrites this document without kwok's defaults, so the booleans
// that default to true must be spelled out (the kubelet API that serves
// `kubectl logs` is off otherwise). Stage work runs in parallel: the default
// of 4 makes large clusters crawl.
const kwokOptions = {
	enableDebuggingHandlers: true,
	enableProfilingHandler: false,
	enablePodsOnNodeSyncListPager: true,
	podPlayStageParallelism: 16,
	nodePlayStageParallelism: 16,
	nodeLeaseParallelism: 16,
};

export const serviceCidr = '10.96.0.0/12';
export const advertiseAddress = '172.16.0.2';

function kwokConfiguration() {
	return {apiVersion: 'config.kwok.x-k8s.io/v1alpha1', kind: 'KwokConfiguration', options: kwokOptions};
}

function arg(key: string, value: string, override = false) {
	return override ? {key, value, override} : {key, value};
}

export type ApiserverExtras = {
	/** kube-apiserver audits requests by this policy into ClusterPaths.auditLog. */
	readonly auditPolicyFile?: string;
	/** kube-apiserver reaches kubelets through the proxy this file names (real nodes). */
	readonly egressSelectorFile?: string;
};

export function kwokctlConfig(binaries: Binaries, paths: ClusterPaths, ports: KwokPorts, timing: PodTiming, extras: ApiserverExtras = {}): string {
	const {auditPolicyFile, egressSelectorFile} = extras;
	const kwokctl = {
		apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
		kind: 'KwokctlConfiguration',
		options: {
			runtime: 'binary',
			bindAddress: '127.0.0.1',
			kubeVersion: binaries.kubeVersion,
			kubeApiserverBinary: binaries.kubeApiserver,
			kubeControllerManagerBinary: binaries.kubeControllerManager,
			kubeSchedulerBinary: binaries.kubeScheduler,
			kubectlBinary: binaries.kubectl,
			etcdBinary: binaries.etcd,
			kwokControllerBinary: binaries.kwok,
			kwokControllerPort: ports.healthy,
			cacheDir: `${paths.ownDir}/kwokctl-cache`,
			securePort: true,
			kubeAuthorization: true,
			kubeAdmission: true,
			disableQPSLimits: true,
			quietPull: true,
			...(auditPolicyFile === undefined ? {} : {kubeAuditPolicy: auditPolicyFile}),
		},
		componentsPatches: [
			// Test data lives in etcd for minutes: durability buys nothing.
			{name: 'etcd', extraArgs: [arg('unsafe-no-fsync', 'true')]},
			{name: 'kube-apiserver', extraArgs: [
				// What the `kubernetes` Service's endpoints claim, like a control
				// plane address on a private network. Nothing listens there: the
				// API server is on 127.0.0.1. Without it the API server takes the
				// host's address, or refuses to start on a machine with no default
				// route; a loopback address is refused for endpoints.
				arg('advertise-address', advertiseAddress),
				arg('kubelet-preferred-address-types', kubeletAddressTypes),
				arg('service-cluster-ip-range', serviceCidr),
				...(egressSelectorFile === undefined ? [] : [arg('egress-selector-config-file', egressSelectorFile)]),
			]},
			// One instance each: without leader election they ride out an API
			// server outage instead of exiting when their lease cannot be renewed.
			{name: 'kube-controller-manager', extraArgs: [arg('leader-elect', 'false')]},
			{name: 'kube-scheduler', extraArgs: [arg('leader-elect', 'false')]},
			{name: 'kwok-controller', extraArgs: [
				arg('manage-all-nodes', 'false', true),
				// Positively: a real node carries no such label and keeps its own kubelet.
				arg('manage-nodes-with-label-selector', `${testLabels.failing}=false`),
			]},
		],
		components: [{
			name: 'kwok-controller-failing',
			binary: paths.failingKwokBinary,
			links: ['kube-apiserver'],
			workDir: paths.kwokDir,
			args: [
				`--kubeconfig=${paths.adminKubeconfig}`,
				`--config=${paths.failingKwokConfig}`,
				`--tls-cert-file=${paths.kwokDir}/pki/admin.crt`,
				`--tls-private-key-file=${paths.kwokDir}/pki/admin.key`,
				'--node-name=localhost',
				`--node-port=${ports.failing}`,
				`--server-address=127.0.0.1:${ports.failing}`,
				`--node-lease-duration-seconds=${nodeLeaseDurationSeconds}`,
				'--manage-all-nodes=false',
				`--manage-nodes-with-label-selector=${testLabels.failing}=true`,
			],
		}],
	};
	return documents([
		kwokctl,
		kwokConfiguration(),
		...healthyStages(ports.healthy, timing),
		clusterLogs('healthy', paths.healthyLog),
	]);
}

export function failingKwokConfig(paths: ClusterPaths, ports: KwokPorts, timing: PodTiming): string {
	return documents([
		kwokConfiguration(),
		...failingStages(ports.failing, timing),
		clusterLogs('failing', paths.failingLog),
	]);
}

/**
 * The API server's connections to kubelets (logs, exec) go through the node
 * tool's proxy, which knows how to reach each real node's kubelet by name.
 */
export function egressSelectorConfig(proxySocket: string): string {
	// Over TCP the API server insists on TLS to the proxy; a Unix socket needs none.
	return stringify({
		apiVersion: 'apiserver.k8s.io/v1beta1',
		kind: 'EgressSelectorConfiguration',
		egressSelections: [{
			name: 'cluster',
			connection: {proxyProtocol: 'HTTPConnect', transport: {uds: {udsName: proxySocket}}},
		}],
	});
}

function documents(objects: readonly unknown[]): string {
	return objects.map(object => stringify(object, {lineWidth: 0})).join('---\n');
}
