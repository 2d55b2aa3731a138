// status --check against kwok nodes: the plumbing only. A kwok node runs no
// script, so its check pod never reports: the node is unknown once --timeout
// has passed (what a real node says is tested in real-nodes-drift.test.ts).
// Windows nodes are skipped without a pod, and no check pod stays behind.

import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {runPlugin} from './plugin.ts';

type DriftRecord = {name: string; state: string; drift: {state: string; detail: string}};

describe('status --check on kwok nodes', () => {
	const cluster = useCluster({name: 'e2e-status-check', containerd: 2, windows: 1, workloadPodsPerNode: 0});
	const checkPods = async () => (await cluster().kubectl(['get', 'pods', '-n', 'kube-system', '-l', 'app.kubernetes.io/component=check', '-o', 'name'])).stdout.trim();

	it('nodes without a runtime that runs the script are unknown after --timeout, Windows is skipped: exit 1, no pod left', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '--check', '--timeout', '10s', '-o', 'json']);

		expect(result.code, result.stdout + result.stderr).toBe(1);
		const records = JSON.parse(result.stdout) as DriftRecord[];
		expect(records.map(record => [record.name, record.state, record.drift.state])).toEqual([
			['containerd-1', 'unconfigured', 'unknown'],
			['containerd-2', 'unconfigured', 'unknown'],
			['windows-1', 'skipped', 'skipped'],
		]);
		expect(records[0]!.drift.detail).toMatch(/^no report within 10s \(last seen: \w+\)$/);
		expect(result.stderr).toContain('Checking 3 nodes for drift (a read-only pod on each, 3 at a time, up to 10s each)...');
		expect(result.stderr).toMatch(/^\d\/3 checked: containerd-1: unknown$/m);
		await waitFor(async () => ((await checkPods()) === '' ? true : undefined), {what: 'the check pods to be gone', timeoutMs: 60_000, pollMs: 500});
	}, 180_000);

	it('honours -l as status does, and the table gains a DRIFT column', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '--check', '-l', 'kubernetes.io/os=windows']);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^NAME +READY +OS\/ARCH +RUNTIME +PODS-DISRUPTED +STATE +DRIFT +REASON\nwindows-1 .* skipped +skipped +windows node: no systemd runtime to configure\n$/);
		expect(await checkPods()).toBe('');
	}, 120_000);

	it('--timeout without --check is a usage error: exit 2', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '--timeout', '1m']);

		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--timeout applies to status only with --check');
	}, 60_000);
});
