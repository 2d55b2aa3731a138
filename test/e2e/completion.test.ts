// Completion as a user gets it: kubectl's own completion (`kubectl __complete`,
// which every shell script of `kubectl completion bash|zsh|fish` calls) finds
// the plugin and its kubectl_complete-proxyinject on PATH and asks them.

import {mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {run} from '../cluster/run.ts';

const bin = fileURLToPath(new URL('../../bin', import.meta.url));

describe('shell completion through kubectl', () => {
	const cluster = useCluster({name: 'e2e-completion', containerd: 2, docker: 1});

	/** The candidates kubectl offers after `kubectl proxyinject <words>`, and its directive. */
	async function complete(words: readonly string[], env: Record<string, string> = {}): Promise<{candidates: string[]; directive: string}> {
		const kubectl = cluster().binaries.kubectl;
		const result = await run(kubectl, ['__complete', 'proxyinject', ...words], {
			env: {...process.env, PATH: `${bin}:${dirname(kubectl)}:${process.env['PATH'] ?? ''}`, KUBECONFIG: cluster().kubeconfig, ...env},
		});
		expect(result.code, result.stderr).toBe(0);
		const lines = result.stdout.split('\n').filter(Boolean);
		return {candidates: lines.slice(0, -1).map(line => line.split('\t')[0]!), directive: lines.at(-1)!};
	}

	it('completes the commands, and the flags of the command typed', async () => {
		expect(await complete([''])).toEqual({candidates: ['status', 'apply', 'remove'], directive: ':4'});
		const flags = await complete(['status', '--w']);
		expect(flags.candidates).toEqual(['--watch']);
		expect((await complete(['apply', '--'])).candidates).toContain('--https-proxy');
	});

	it('completes node names of the cluster for --nodes, one comma-separated item at a time', async () => {
		expect(await complete(['apply', '--nodes', ''])).toEqual({candidates: ['containerd-1', 'containerd-2', 'docker-1'], directive: ':6'});
		expect((await complete(['apply', '--nodes', 'containerd-1,'])).candidates).toEqual(['containerd-1,containerd-2', 'containerd-1,docker-1']);
	});

	it('completes label keys and their values for -l', async () => {
		const keys = (await complete(['status', '-l', 'kubernetes.io/'])).candidates;
		expect(keys).toEqual(expect.arrayContaining(['kubernetes.io/arch', 'kubernetes.io/hostname', 'kubernetes.io/os']));
		expect((await complete(['status', '-l', 'kubernetes.io/hostname='])).candidates).toEqual(['kubernetes.io/hostname=containerd-1', 'kubernetes.io/hostname=containerd-2', 'kubernetes.io/hostname=docker-1']);
	});

	it('completes contexts of the kubeconfig, and nodes through --kubeconfig on the line as well', async () => {
		const current = (await cluster().kubectl(['config', 'current-context'])).stdout.trim();
		expect(await complete(['--context', ''])).toEqual({candidates: [current], directive: ':4'});
		expect((await complete(['--kubeconfig', cluster().kubeconfig, '--context', ''], {KUBECONFIG: ''})).candidates).toEqual([current]);
		expect((await complete(['--kubeconfig', cluster().kubeconfig, 'status', '--nodes', 'd'], {KUBECONFIG: ''})).candidates).toEqual(['docker-1']);
	});

	it('works through links in another folder, as in krew\'s bin: the script finds the plugin beside the file it links to', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'proxyinject-completion-'));
		try {
			await symlink(join(bin, 'kubectl-proxyinject'), join(dir, 'kubectl-proxyinject'));
			await symlink(join(bin, 'kubectl_complete-proxyinject'), join(dir, 'kubectl_complete-proxyinject'));
			const kubectl = cluster().binaries.kubectl;
			const result = await run(kubectl, ['__complete', 'proxyinject', 'status', '--nodes', 'docker'], {env: {...process.env, PATH: `${dir}:${dirname(kubectl)}:/usr/bin:/bin`, KUBECONFIG: cluster().kubeconfig}});
			expect(result.stdout).toBe('docker-1\n:6\n');
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});

	it('no kubeconfig, or an unreachable cluster, offers nothing and never an error in the shell', async () => {
		expect(await complete(['status', '--nodes', ''], {KUBECONFIG: '/nonexistent/kubeconfig'})).toEqual({candidates: [], directive: ':6'});
		const dir = await mkdtemp(join(tmpdir(), 'proxyinject-completion-'));
		try {
			const unreachable = join(dir, 'kubeconfig');
			// Port 1 on loopback: nothing listens there, the connection is refused at once.
			await writeFile(unreachable, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: gone, context: {cluster: c, user: u}}]\ncurrent-context: gone\n');
			expect(await complete(['status', '-l', ''], {KUBECONFIG: unreachable})).toEqual({candidates: [], directive: ':6'});
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
