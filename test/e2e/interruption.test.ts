import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {injectorPods, ourNodeLabels, type StatusRecord} from './cluster-state.ts';
import {runPlugin, startPlugin} from './plugin.ts';

const apply = ['apply', '--https-proxy', 'http://proxy.corp:3128', '--yes'];
const nodes = Array.from({length: 6}, (_, index) => `containerd-${index + 1}`);

async function states(kubeconfig: string): Promise<Record<string, string>> {
	const status = JSON.parse((await runPlugin(kubeconfig, ['status', '-o', 'json'])).stdout) as StatusRecord[];
	return Object.fromEntries(status.map(node => [node.name, node.state]));
}

describe.each(['SIGINT', 'SIGKILL'] as const)('apply interrupted by %s', signal => {
	const cluster = useCluster({name: `e2e-interrupt-${signal.toLowerCase()}`, containerd: 6, podStartDelayMs: 1500});

	it('leaves a state the next apply finishes, configuring every node exactly once', async () => {
		const first = startPlugin(cluster().kubeconfig, apply);
		await first.waitForOutput('batch 2/6');
		first.child.kill(signal);
		const interrupted = await first.done;
		if (signal === 'SIGINT') {
			expect(interrupted.code, interrupted.stdout + interrupted.stderr).toBe(130);
			expect(interrupted.stdout).toMatch(/interrupted: \d+ done/);
			expect(interrupted.stdout).toMatch(/next: kubectl proxyinject apply/);
		}

		const before = await states(cluster().kubeconfig);
		expect(before['containerd-1']).toBe('configured');
		expect(before['containerd-6']).toBe('held');
		const podsBefore = await injectorPods(cluster());

		const resumed = await runPlugin(cluster().kubeconfig, apply);
		expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
		expect(Object.values(await states(cluster().kubeconfig))).toEqual(nodes.map(() => 'configured'));

		// A pod that existed before keeps its uid: its init container (the runtime restart) did not run again.
		const podsAfter = await injectorPods(cluster());
		for (const [node, uid] of Object.entries(podsBefore)) {
			expect(podsAfter[node], node).toBe(uid);
		}

		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});

describe('the API server restarts mid-rollout', () => {
	const cluster = useCluster({name: 'e2e-apiserver-restart', containerd: 4, podStartDelayMs: 1500});

	it('the watch reconnects and the rollout completes', async () => {
		const run = startPlugin(cluster().kubeconfig, apply);
		await run.waitForOutput('batch 2/4');
		await cluster().stopApiserver();
		await cluster().startApiserver();
		const result = await run.done;
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(Object.values(await states(cluster().kubeconfig))).toEqual(['configured', 'configured', 'configured', 'configured']);
	});
});
