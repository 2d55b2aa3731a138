import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {labelKeys} from '../../source/manifests/names.ts';
import {pluginPath, runPlugin, startPlugin, type PluginRun} from './plugin.ts';
import type {StatusRecord} from './cluster-state.ts';
import {haveTmux, startTmux} from './tmux.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmuxFound = await haveTmux();

const hold = labelKeys.hold;

/** The lines printed after the first `skip` lines. */
function linesAfter(run: PluginRun, skip: number): string[] {
	return run.output().split('\n').slice(skip);
}

/** Waits until a line after the first `skip` matches; returns the number of lines printed so far. */
async function waitForLine(run: PluginRun, skip: number, pattern: RegExp): Promise<number> {
	await run.waitForOutput(output => output.split('\n').slice(skip).some(line => pattern.test(line)), 120_000);
	return run.output().split('\n').length - 1;
}

/** The status -o json lines after the first `skip`, parsed. */
function recordsAfter(run: PluginRun, skip: number): (StatusRecord & {deleted?: boolean})[] {
	return linesAfter(run, skip).filter(line => line.startsWith('{')).map(line => JSON.parse(line) as StatusRecord);
}

describe('status --watch', () => {
	const cluster = useCluster({name: 'e2e-watch', containerd: 3, podStartDelayMs: 1500});

	it('prints the table, then a row again when its node changes, and ends cleanly on Ctrl-C', async () => {
		const run = startPlugin(cluster().kubeconfig, ['status', '-w']);
		const tableEnd = await waitForLine(run, 0, /^containerd-3 /);
		expect(run.output()).toMatch(/^NAME +READY +OS\/ARCH +RUNTIME +PODS-DISRUPTED +STATE +REASON\n/);

		const labelled = await cluster().kubectl(['label', 'node', 'containerd-2', `${hold}=queued`]);
		expect(labelled.code, labelled.stderr).toBe(0);
		const heldAt = await waitForLine(run, tableEnd, /^containerd-2 +True +linux\/amd64 .* held +waiting for its turn in the rollout$/);

		const unlabelled = await cluster().kubectl(['label', 'node', 'containerd-2', `${hold}-`]);
		expect(unlabelled.code, unlabelled.stderr).toBe(0);
		await waitForLine(run, heldAt, /^containerd-2 .* unconfigured$/);
		// Only the node that changed was printed again.
		expect(linesAfter(run, tableEnd).filter(line => line.trim() !== '' && !line.startsWith('containerd-2 '))).toEqual([]);

		run.child.kill('SIGINT');
		const result = await run.done;
		expect(result.code).toBe(130);
		expect(result.stderr).toBe('');
	});

	it('-o json: one record per line as our pods change (apply, then a pod replaced)', async () => {
		const run = startPlugin(cluster().kubeconfig, ['status', '-w', '-o', 'json']);
		const listed = await waitForLine(run, 0, /"name":"containerd-3"/);
		expect(recordsAfter(run, 0).map(record => record.state)).toEqual(['unconfigured', 'unconfigured', 'unconfigured']);

		const applied = await runPlugin(cluster().kubeconfig, ['apply', '--https-proxy', 'http://proxy.corp:3128', '--rollout', 'all', '--yes']);
		expect(applied.code, applied.stdout + applied.stderr).toBe(0);
		for (const node of ['containerd-1', 'containerd-2', 'containerd-3']) {
			await waitForLine(run, listed, new RegExp(`"name":"${node}".*"state":"configured"`));
		}

		// Every node went through pending: the rows followed the pods, not just the end result.
		const during = recordsAfter(run, listed);
		expect(new Set(during.filter(record => record.state === 'pending').map(record => record.name))).toEqual(new Set(['containerd-1', 'containerd-2', 'containerd-3']));

		const configured = run.output().split('\n').length - 1;
		const pods = await cluster().kubectl(['delete', 'pod', '-n', 'kube-system', '-l', 'app.kubernetes.io/component=injector', '--field-selector', 'spec.nodeName=containerd-1', '--wait=false']);
		expect(pods.code, pods.stderr).toBe(0);
		const replacedAt = await waitForLine(run, configured, /"name":"containerd-1".*"state":"(?:pending|unconfigured)"/);
		await waitForLine(run, replacedAt, /"name":"containerd-1".*"state":"configured"/);
		expect(recordsAfter(run, configured).every(record => record.name === 'containerd-1')).toBe(true);

		run.child.kill('SIGTERM');
		expect((await run.done).code).toBe(130);
	});

	// A restarted API server answers the old resourceVersion with 410 Gone ("too old resource version"): every watch lists again.
	it('goes on after the API server restarts, printing only what differs after listing again', async () => {
		const run = startPlugin(cluster().kubeconfig, ['status', '-w', '-o', 'json']);
		const listed = await waitForLine(run, 0, /"name":"containerd-3"/);
		await cluster().stopApiserver();
		await cluster().startApiserver();

		const labelled = await cluster().kubectl(['label', 'node', 'containerd-3', `${hold}=not-picked`]);
		expect(labelled.code, labelled.stderr).toBe(0);
		await waitForLine(run, listed, /"name":"containerd-3".*"state":"held"/);
		expect(recordsAfter(run, listed).map(record => `${record.name} ${record.state}`)).toEqual(['containerd-3 held']);
		run.child.kill('SIGINT');
		expect((await run.done).code).toBe(130);
		await cluster().kubectl(['label', 'node', 'containerd-3', `${hold}-`]);
	});

	it.skipIf(!tmuxFound && process.env['CI'] !== 'true')('in a terminal, kubectl proxyinject -w keeps the table live: a change shows without a key', async () => {
		const terminal = await startTmux({
			width: 120,
			height: 30,
			cwd: root,
			env: {TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: undefined, NODE_ENV: undefined, VITEST: undefined, KUBECONFIG: ''},
			command: [pluginPath, '--kubeconfig', cluster().kubeconfig, '-w'],
		});
		try {
			const first = await terminal.waitForScreen(/containerd-2 .*configured/, 60_000);
			expect(first).toContain('live: rows follow the cluster');
			expect(first).not.toContain('[s]');
			const labelled = await cluster().kubectl(['label', 'node', 'containerd-2', `${hold}=queued`]);
			expect(labelled.code, labelled.stderr).toBe(0);
			await terminal.waitForScreen(/containerd-2 .*held/, 60_000);
			await terminal.press('q');
			expect(await terminal.waitForExit()).toBe(0);
		} finally {
			await terminal.kill();
			await cluster().kubectl(['label', 'node', 'containerd-2', `${hold}-`]);
		}
	});

	it('a deleted node is printed once more, marked deleted', async () => {
		const run = startPlugin(cluster().kubeconfig, ['status', '-w', '-o', 'json', '-l', 'kubernetes.io/os=linux']);
		const listed = await waitForLine(run, 0, /"name":"containerd-3"/);
		const deleted = await cluster().kubectl(['delete', 'node', 'containerd-3', '--wait=false']);
		expect(deleted.code, deleted.stderr).toBe(0);
		await waitForLine(run, listed, /"name":"containerd-3".*"deleted":true/);
		run.child.kill('SIGINT');
		expect((await run.done).code).toBe(130);
	});

	it('a name that is no node is refused with exit 2, as without -w', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['status', '-w', '--nodes', 'no-such-node']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--nodes: no node named "no-such-node"');
	});
});
