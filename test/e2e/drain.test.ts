// --drain against the real control plane: the Eviction API, the disruption
// controller's PodDisruptionBudget status, the scheduler moving evicted pods
// to other nodes. The nodes are kwok nodes (no runtime to restart): the drain
// is what is under test.

import {describe, expect, it} from 'vitest';
import {freshNamespace, useCluster} from '../cluster/fixture.ts';
import type {TestCluster} from '../cluster/cluster.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {labelKeys} from '../../source/manifests/names.ts';
import {json, ourNodeLabels} from './cluster-state.ts';
import {runPlugin, startPlugin} from './plugin.ts';

const apply = ['apply', '--https-proxy', 'http://proxy.corp:3128', '--yes', '--drain'];

type NodeItem = {metadata: {name: string; labels?: Record<string, string>}; spec?: {unschedulable?: boolean}};
type PodItem = {metadata: {name: string}; spec?: {nodeName?: string}; status?: {conditions?: {type: string; status: string}[]}};

/** Nodes carrying the plugin's "cordoned by us" mark (other nodes keep their not-picked hold after --nodes). */
async function marked(cluster: TestCluster): Promise<string[]> {
	return Object.entries(await ourNodeLabels(cluster)).filter(([, keys]) => keys.includes(labelKeys.cordoned)).map(([node]) => node);
}

async function cordoned(cluster: TestCluster): Promise<string[]> {
	const nodes = await json<{items: NodeItem[]}>(cluster, ['get', 'nodes']);
	return nodes.items.filter(node => node.spec?.unschedulable).map(node => node.metadata.name).sort();
}

/**
 * A Deployment of `replicas` pods on the nodes `nodeSelector` picks, with a
 * PodDisruptionBudget that lets `maxUnavailable` of them go at once; resolves
 * with the node of each Ready pod. Each test uses nodes of its own: a node
 * configured by an earlier test would be nothing to do.
 */
async function deployWithBudget(cluster: TestCluster, namespace: string, name: string, replicas: number, maxUnavailable: number, nodeSelector: Record<string, string>): Promise<string[]> {
	const manifest = {
		apiVersion: 'v1',
		kind: 'List',
		items: [
			{
				apiVersion: 'apps/v1',
				kind: 'Deployment',
				metadata: {name, namespace},
				spec: {
					replicas,
					selector: {matchLabels: {app: name}},
					template: {
						metadata: {labels: {app: name}},
						spec: {nodeSelector, containers: [{name: 'web', image: 'registry.k8s.io/e2e-test-images/agnhost:2.53'}]},
					},
				},
			},
			{apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: `${name}-pdb`, namespace}, spec: {maxUnavailable, selector: {matchLabels: {app: name}}}},
		],
	};
	const created = await cluster.kubectl(['apply', '-f', '-'], {input: JSON.stringify(manifest)});
	expect(created.code, created.stderr).toBe(0);
	return waitFor(async () => {
		const pods = await json<{items: PodItem[]}>(cluster, ['get', 'pods', '-n', namespace, '-l', `app=${name}`]);
		const ready = pods.items.filter(pod => pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True'));
		if (ready.length !== replicas) {
			return undefined;
		}

		// The disruption controller must have counted them, or the budget is not in force yet.
		const budget = await json<{status?: {currentHealthy?: number}}>(cluster, ['get', 'pdb', `${name}-pdb`, '-n', namespace]);
		return budget.status?.currentHealthy === replicas ? ready.map(pod => pod.spec!.nodeName!) : undefined;
	}, {what: `${replicas} ready pods of ${name}, counted by its budget`, timeoutMs: 90_000});
}

describe('--drain', () => {
	const cluster = useCluster({name: 'e2e-drain', containerd: 6, workloadPodsPerNode: 0, podStartDelayMs: 500});

	it('a PodDisruptionBudget that refuses fails the node by name, and the node is uncordoned again', async () => {
		const namespace = await freshNamespace(cluster(), 'shop');
		const [node] = await deployWithBudget(cluster(), namespace, 'web', 1, 0, {'kubernetes.io/hostname': 'containerd-1'});
		const result = await runPlugin(cluster().kubeconfig, [...apply, '--nodes', node!, '--drain-timeout', '6s']);
		expect(result.code, result.stdout + result.stderr).toBe(1);
		expect(result.stdout).toMatch(new RegExp(`${node}: draining`));
		expect(result.stdout).toContain(`refused by PodDisruptionBudget web-pdb`);
		expect(await cordoned(cluster())).toEqual([]);
		expect(await marked(cluster())).toEqual([]);
		const removed = await cluster().kubectl(['delete', 'namespace', namespace, '--wait=false']);
		expect(removed.code).toBe(0);
	});

	it('evicts what a budget allows, configures the node, and uncordons it once its pod is ready', async () => {
		const namespace = await freshNamespace(cluster(), 'api');
		// Two nodes of a pool: the evicted pod can only go to the other one.
		for (const node of ['containerd-2', 'containerd-3']) {
			expect((await cluster().kubectl(['label', 'node', node, 'pool=api'])).code).toBe(0);
		}

		const nodes = await deployWithBudget(cluster(), namespace, 'api', 2, 1, {pool: 'api'});
		const node = nodes[0]!;
		const result = await runPlugin(cluster().kubeconfig, [...apply, '--nodes', node]);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout).toMatch(new RegExp(`${node}: draining`));
		expect(result.stdout).toMatch(new RegExp(`${node}: done`));
		expect(await cordoned(cluster())).toEqual([]);
		// The evicted pod was recreated on another node.
		const pods = await json<{items: PodItem[]}>(cluster(), ['get', 'pods', '-n', namespace, '-l', 'app=api']);
		expect(pods.items.some(pod => pod.spec?.nodeName === node)).toBe(false);
		expect(await marked(cluster())).toEqual([]);
	});

	it('a node someone else cordoned is drained but left cordoned', async () => {
		const node = 'containerd-4';
		expect((await cluster().kubectl(['cordon', node])).code).toBe(0);
		try {
			const result = await runPlugin(cluster().kubeconfig, [...apply, '--nodes', node]);
			expect(result.code, result.stdout + result.stderr).toBe(0);
			expect(result.stdout).toMatch(new RegExp(`${node}: done`));
			expect(await cordoned(cluster())).toEqual([node]);
			expect(await marked(cluster())).toEqual([]);
		} finally {
			await cluster().kubectl(['uncordon', node]);
		}
	});

	it('Ctrl-C while a budget blocks the drain: the run stops at once and uncordons the node', async () => {
		const namespace = await freshNamespace(cluster(), 'shop');
		const [node] = await deployWithBudget(cluster(), namespace, 'web', 1, 0, {'kubernetes.io/hostname': 'containerd-5'});
		const run = startPlugin(cluster().kubeconfig, [...apply, '--nodes', node!, '--drain-timeout', '10m']);
		await run.waitForOutput(`${node}: draining`);
		await waitFor(async () => ((await cordoned(cluster())).includes(node!) ? true : undefined), {what: `${node} cordoned`, timeoutMs: 30_000});
		run.child.kill('SIGINT');
		const result = await run.done;
		expect(result.code, result.stdout + result.stderr).toBe(130);
		expect(await cordoned(cluster())).toEqual([]);
		expect(await marked(cluster())).toEqual([]);
	});

	it('killed mid-drain, the node keeps the mark; the next run finishes and uncordons it', async () => {
		const namespace = await freshNamespace(cluster(), 'shop');
		const [node] = await deployWithBudget(cluster(), namespace, 'web', 1, 0, {'kubernetes.io/hostname': 'containerd-6'});
		const run = startPlugin(cluster().kubeconfig, [...apply, '--nodes', node!, '--drain-timeout', '10m']);
		await run.waitForOutput(`${node}: draining`);
		await waitFor(async () => ((await cordoned(cluster())).includes(node!) ? true : undefined), {what: `${node} cordoned`, timeoutMs: 30_000});
		run.child.kill('SIGKILL');
		await run.done;
		expect(await cordoned(cluster())).toEqual([node]);
		expect(await marked(cluster())).toEqual([node]);

		// The budget goes away; the same command resumes and undoes its own cordon.
		expect((await cluster().kubectl(['delete', 'pdb', 'web-pdb', '-n', namespace])).code).toBe(0);
		const resumed = await runPlugin(cluster().kubeconfig, [...apply, '--nodes', node!]);
		expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
		expect(await cordoned(cluster())).toEqual([]);
		expect(await marked(cluster())).toEqual([]);
	});

	it('remove --drain drains every node in turn and leaves none cordoned', async () => {
		// Budgets of the earlier tests that allow nothing would fail their node: only the one that allows a pod to go stays.
		const namespaces = await json<{items: {metadata: {name: string}}[]}>(cluster(), ['get', 'namespaces']);
		for (const {metadata: {name}} of namespaces.items.filter(item => item.metadata.name.startsWith('shop-'))) {
			await cluster().kubectl(['delete', 'namespace', name, '--wait=false']);
		}

		// Two at a time, so the two nodes of the api pool (containerd-2 and -3) are never cordoned together: its pods always have somewhere to go.
		const result = await runPlugin(cluster().kubeconfig, ['remove', '--yes', '--drain', '--parallel', '2', '--drain-timeout', '90s']);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout.match(/: draining/g)?.length).toBe(6);
		expect(await cordoned(cluster())).toEqual([]);
		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});
