import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {injectorPods, ourNodeLabels, ourObjects, type StatusRecord} from './cluster-state.ts';
import {runPlugin} from './plugin.ts';

const proxy = ['--https-proxy', 'http://user:s3cr%40t@proxy.corp:3128'];

describe('apply and remove on a mixed cluster', () => {
	const cluster = useCluster({name: 'e2e-mixed', containerd: 2, docker: 1, crio: 1, windows: 1, arm64: 1});

	it('reports every node with its runtime before anything is installed', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		const nodes = JSON.parse(result.stdout) as StatusRecord[];
		const byName = Object.fromEntries(nodes.map(node => [node.name, node]));
		expect(byName['containerd-1']).toMatchObject({os: 'linux', runtime: 'containerd', state: 'unconfigured'});
		expect(byName['docker-1']).toMatchObject({runtime: 'docker', state: 'unconfigured'});
		expect(byName['crio-1']).toMatchObject({runtime: 'cri-o'});
		expect(byName['containerd-arm64-1']).toMatchObject({arch: 'arm64'});
		expect(byName['windows-1']).toMatchObject({os: 'windows', state: 'skipped'});
		expect(byName['windows-1']!.reason).toMatch(/windows/);
		// A docker restart stops every pod of the node.
		expect(byName['docker-1']!.podsDisrupted).toBeGreaterThan(0);
		// A containerd restart can break only the pod still starting: the API server's pod table says which.
		expect(byName['containerd-1']).toMatchObject({podsTotal: 2, podsDisrupted: 1});
		expect(byName['crio-1']).toMatchObject({podsTotal: 2, podsDisrupted: 0});
	});

	it('dry-run prints the objects, keeps the password in the Secret only, and changes nothing', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--dry-run', '-o', 'yaml']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('kind: DaemonSet');
		expect(result.stdout).toContain('kind: Secret');
		expect(result.stdout).not.toContain('s3cr');
		expect(await ourObjects(cluster())).toEqual([]);
	});

	it('configures every linux node, skips windows, and a second run does nothing', async () => {
		const first = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--rollout', 'all', '--yes']);
		expect(first.code, first.stdout + first.stderr).toBe(0);
		expect(first.stdout).toMatch(/skipped windows-1: windows/);
		expect(first.stdout + first.stderr).not.toContain('s3cr');
		const pods = await injectorPods(cluster());
		expect(Object.keys(pods).sort()).toEqual(['containerd-1', 'containerd-2', 'containerd-arm64-1', 'crio-1', 'docker-1']);

		const status = JSON.parse((await runPlugin(cluster().kubeconfig, ['status', '-o', 'json'])).stdout) as StatusRecord[];
		for (const node of status) {
			expect(node.state, node.name).toBe(node.os === 'linux' ? 'configured' : 'skipped');
		}

		const second = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--yes']);
		expect(second.code).toBe(0);
		expect(second.stdout).toMatch(/nothing to do/);
		expect(await injectorPods(cluster())).toEqual(pods);
		expect(await ourNodeLabels(cluster())).toEqual({});
	});

	it('remove leaves no object, label or pod of ours behind', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['remove', '--yes', '--parallel', '2']);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		await waitFor(async () => ((await ourObjects(cluster())).length === 0 ? true : undefined), {what: 'every object of ours to be gone', timeoutMs: 60_000});
		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});

describe('permissions', () => {
	const cluster = useCluster({name: 'e2e-rbac', containerd: 2});

	it('a user without the permissions gets all missing ones listed and nothing is created', async () => {
		const restricted = await cluster().restrictedKubeconfig();
		const result = await runPlugin(restricted, ['apply', ...proxy, '--yes']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/missing permissions/);
		expect(result.stderr).toMatch(/create daemonsets\.apps in namespace kube-system/);
		expect(result.stderr).toMatch(/patch nodes \(cluster-wide\)/);
		expect(await ourObjects(cluster())).toEqual([]);
		expect(await ourNodeLabels(cluster())).toEqual({});
	});
});
