import {describe, expect, it} from 'vitest';
import {parseAllDocuments} from 'yaml';
import {binariesIn} from './binaries.ts';
import {failingKwokConfig, kwokctlConfig} from './kwokctl-config.ts';
import {clusterPaths} from './paths.ts';
import {testLabels} from './test-labels.ts';

type Document = {kind: string; metadata?: {name: string}; options?: Record<string, unknown>; components?: {args: string[]}[]; spec?: {delay?: unknown}};

const paths = clusterPaths('unit');
const ports = {healthy: 40001, failing: 40002};
const parse = (text: string) => parseAllDocuments(text).map(document => document.toJS() as Document);

describe('kwokctlConfig', () => {
	const documents = parse(kwokctlConfig(binariesIn('/cache/bin/kube-v1.35.4-etcd-v3.6.16-kwok-v0.8.0'), paths, ports, {podStartDelayMs: 0}));
	const kwokctl = documents.find(document => document.kind === 'KwokctlConfiguration')!;

	it('runs every component from the local binaries on loopback, with RBAC', () => {
		expect(kwokctl.options).toMatchObject({
			runtime: 'binary',
			bindAddress: '127.0.0.1',
			kubeVersion: 'v1.35.4',
			kubeApiserverBinary: '/cache/bin/kube-v1.35.4-etcd-v3.6.16-kwok-v0.8.0/kube-apiserver',
			etcdBinary: '/cache/bin/kube-v1.35.4-etcd-v3.6.16-kwok-v0.8.0/etcd',
			kwokControllerPort: 40001,
			kubeAuthorization: true,
		});
	});

	it('spells out the kwok defaults kwokctl would drop, so kubectl logs works', () => {
		expect(documents.find(document => document.kind === 'KwokConfiguration')!.options).toMatchObject({enableDebuggingHandlers: true});
	});

	it('starts a second kwok for the failing nodes, and the first one leaves them alone', () => {
		expect(kwokctl.components![0]!.args).toContain(`--manage-nodes-with-label-selector=${testLabels.failing}=true`);
		expect(kwokctl.components![0]!.args).toContain('--node-port=40002');
		expect(JSON.stringify(kwokctl)).toContain(`${testLabels.failing}=false`);
	});

	it('reaches kubelets through an egress proxy only when real nodes need one', () => {
		expect(JSON.stringify(kwokctl)).not.toContain('egress-selector-config-file');
		const withEgress = parse(kwokctlConfig(binariesIn('/cache/bin/kube-v1.35.4-etcd-v3.6.16-kwok-v0.8.0'), paths, ports, {podStartDelayMs: 0}, {egressSelectorFile: '/e.yaml'}));
		expect(JSON.stringify(withEgress)).toContain('"key":"egress-selector-config-file","value":"/e.yaml"');
	});

	it('has its own node and pod stages, without delay unless asked', () => {
		const stages = documents.filter(document => document.kind === 'Stage').map(document => document.metadata!.name);
		expect(stages).toEqual(['node-initialize', 'node-claim', 'node-heartbeat', 'pod-ready', 'pod-container-creating', 'pod-delete']);
		expect(documents.find(document => document.metadata?.name === 'pod-ready')!.spec!.delay).toBeUndefined();
	});

	it('audits requests only when given a policy file', () => {
		expect(kwokctl.options).not.toHaveProperty('kubeAuditPolicy');
		const audited = parse(kwokctlConfig(binariesIn('/cache/bin/kube-v1.35.4-etcd-v3.6.16-kwok-v0.8.0'), paths, ports, {podStartDelayMs: 0}, {auditPolicyFile: paths.auditPolicy}));
		expect(audited.find(document => document.kind === 'KwokctlConfiguration')!.options).toMatchObject({kubeAuditPolicy: paths.auditPolicy});
	});
});

describe('failingKwokConfig', () => {
	it('crash-loops pods with init containers after the given start delay, and shows the failure log', () => {
		const documents = parse(failingKwokConfig(paths, ports, {podStartDelayMs: 1500}));
		const crash = documents.find(document => document.metadata?.name === 'pod-init-crash-loop')!;
		expect(crash.spec!.delay).toEqual({durationMilliseconds: 1500, jitterDurationMilliseconds: 1500});
		expect(JSON.stringify(documents.find(document => document.kind === 'ClusterLogs'))).toContain(paths.failingLog);
	});
});
