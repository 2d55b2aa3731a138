import {describe, expect, it} from 'vitest';
import {freshNamespace, useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {ourNodeLabels, ourObjects} from './cluster-state.ts';
import {runPlugin} from './plugin.ts';

const apply = ['apply', '--https-proxy', 'http://proxy.corp:3128', '--yes'];

/** A CustomResourceDefinition in GKE Autopilot's API group: what the plugin detects Autopilot by. */
const autopilotCrd = {
	apiVersion: 'apiextensions.k8s.io/v1',
	kind: 'CustomResourceDefinition',
	metadata: {name: 'allowlistedworkloads.auto.gke.io'},
	spec: {
		group: 'auto.gke.io',
		scope: 'Cluster',
		names: {plural: 'allowlistedworkloads', singular: 'allowlistedworkload', kind: 'AllowlistedWorkload'},
		versions: [{name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}],
	},
};

describe('preflight refuses before changing anything', () => {
	const cluster = useCluster({name: 'e2e-preflight', containerd: 2});

	it('names an unknown node in --nodes (exit 2)', async () => {
		const result = await runPlugin(cluster().kubeconfig, [...apply, '--nodes', 'containerd-1,nope']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/--nodes: no node named "nope"/);
		expect(await ourObjects(cluster())).toEqual([]);
	});

	it('names an invalid label selector (exit 2)', async () => {
		const result = await runPlugin(cluster().kubeconfig, [...apply, '-l', 'a b']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/-l\/--selector "a b" is not a valid label selector/);
	});

	it('status selects nodes as apply does: -l is a label selector, an unknown --nodes is exit 2', async () => {
		const selected = await runPlugin(cluster().kubeconfig, ['status', '-o', 'json', '-l', 'kubernetes.io/hostname in (containerd-2,elsewhere)']);
		expect(selected.code, selected.stderr).toBe(0);
		expect((JSON.parse(selected.stdout) as {name: string}[]).map(node => node.name)).toEqual(['containerd-2']);

		const unknown = await runPlugin(cluster().kubeconfig, ['status', '--nodes', 'containerd-1,nope']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/--nodes: no node named "nope"/);
	});

	it('refuses a namespace whose Pod Security level rejects privileged pods', async () => {
		const namespace = await freshNamespace(cluster(), 'restricted');
		await cluster().kubectl(['label', 'namespace', namespace, 'pod-security.kubernetes.io/enforce=baseline']);
		const result = await runPlugin(cluster().kubeconfig, [...apply, '-n', namespace]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(new RegExp(`namespace ${namespace} enforces Pod Security level "baseline"`));
		expect(await ourObjects(cluster(), namespace)).toEqual([]);
		expect(await ourNodeLabels(cluster())).toEqual({});
	});

	it('refuses a namespace that does not exist', async () => {
		const result = await runPlugin(cluster().kubeconfig, [...apply, '-n', 'no-such-namespace']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/namespace no-such-namespace does not exist/);
	});

	it('recognises GKE Autopilot by its API group and refuses', async () => {
		const created = await cluster().kubectl(['create', '-f', '-'], {input: JSON.stringify(autopilotCrd)});
		expect(created.code, created.stderr).toBe(0);
		await waitFor(async () => ((await cluster().kubectl(['api-versions'])).stdout.includes('auto.gke.io/v1') ? true : undefined), {what: 'the auto.gke.io API group', timeoutMs: 30_000});
		const result = await runPlugin(cluster().kubeconfig, apply);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/GKE Autopilot/);
		expect(await ourObjects(cluster())).toEqual([]);
		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});
