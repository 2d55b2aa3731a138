import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {ourNodeLabels, ourObjects} from './cluster-state.ts';
import {runPlugin} from './plugin.ts';
import {recordPodTimeline} from './pod-timeline.ts';

const proxy = ['--http-proxy', 'http://proxy.corp:3128'];

function batchesOf(names: readonly string[], size: number): string[][] {
	const batches: string[][] = [];
	for (let index = 0; index < names.length; index += size) {
		batches.push(names.slice(index, index + size));
	}

	return batches;
}

describe.each([1, 3])('node by node, --parallel %i', parallel => {
	const cluster = useCluster({name: `e2e-batches-${parallel}`, containerd: 7});

	it('releases a batch only after every pod of the previous one is Ready', async () => {
		const timeline = await recordPodTimeline(cluster().kubeconfig);
		try {
			const result = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--parallel', String(parallel), '--yes']);
			expect(result.code, result.stdout + result.stderr).toBe(0);
			// The plugin may see the last pod Ready, and exit, before this watch hears of it.
			await waitFor(async () => (timeline.ready.size === 7 ? true : undefined), {what: 'every pod Ready in the timeline', timeoutMs: 10_000, pollMs: 20});
		} finally {
			timeline.stop();
		}

		const nodes = Array.from({length: 7}, (_, index) => `containerd-${index + 1}`);
		const batches = batchesOf(nodes, parallel);
		for (const [index, batch] of batches.entries()) {
			for (const node of batch) {
				expect(timeline.created.has(node), node).toBe(true);
				expect(timeline.ready.has(node), node).toBe(true);
			}

			const next = batches[index + 1];
			if (next) {
				const lastReady = Math.max(...batch.map(node => timeline.ready.get(node)!));
				const firstCreated = Math.min(...next.map(node => timeline.created.get(node)!));
				expect(firstCreated, `batch ${index + 2} started before batch ${index + 1} was Ready`).toBeGreaterThan(lastReady);
			}
		}

		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});

describe('a failing node', () => {
	const cluster = useCluster({name: 'e2e-failing', containerd: 4, fail: ['containerd-2']});

	it('stops the rollout there, shows its log, leaves later nodes untouched; remove still works', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--yes']);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/containerd-2: FAILED \(exit code 1\)/);
		expect(result.stdout).toMatch(/\| proxyinject: /);
		expect(result.stdout).toMatch(/not finished \(held back, untouched\): containerd-3, containerd-4/);
		expect(result.stdout).toMatch(/next: kubectl proxyinject apply/);

		const status = JSON.parse((await runPlugin(cluster().kubeconfig, ['status', '-o', 'json'])).stdout) as {name: string; state: string}[];
		const states = Object.fromEntries(status.map(node => [node.name, node.state]));
		expect(states).toEqual({'containerd-1': 'configured', 'containerd-2': 'held', 'containerd-3': 'held', 'containerd-4': 'held'});

		await cluster().setNodeFailing('containerd-2', false);
		const removed = await runPlugin(cluster().kubeconfig, ['remove', '--yes', '--rollout', 'all']);
		expect(removed.code, removed.stdout + removed.stderr).toBe(0);
		expect(await ourNodeLabels(cluster())).toEqual({});
		expect((await ourObjects(cluster())).filter(object => !object.startsWith('Pod/'))).toEqual([]);
	});
});
