import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import type {StatusRecord} from './cluster-state.ts';
import {runPlugin} from './plugin.ts';

// More nodes than one page of the node list (250) and more pods than one page
// of the pod table (500): the plugin reads both page by page, asking for the
// next page while it parses the last.
describe('a cluster larger than a page', () => {
	const cluster = useCluster({name: 'e2e-paging', containerd: 260, workloadPodsPerNode: 2});

	it('status counts every node and every pod once', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		const nodes = JSON.parse(result.stdout) as (StatusRecord & {podsTotal: number})[];
		expect(nodes).toHaveLength(260);
		expect(new Set(nodes.map(node => node.name)).size).toBe(260);
		expect(nodes.reduce((sum, node) => sum + node.podsTotal, 0)).toBe(cluster().workloadPods.length);
		// The first two nodes each keep one pod in ContainerCreating: only those can a containerd restart break.
		expect(nodes.reduce((sum, node) => sum + node.podsDisrupted, 0)).toBe(2);
	});
});
