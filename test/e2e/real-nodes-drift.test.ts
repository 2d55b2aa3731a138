// status --check on a real containerd node: a read-only pod reads the
// drop-in, the root-only environment file and the running runtime's
// environment, and the plugin names what was changed by hand (edited,
// stale-runtime, overridden) with exit code 3, or in-sync with 0. Every
// check leaves the node as it was (same runtime PID, same files), and the
// check pod's status carries no proxy credential. The settings have
// credentials, so the keyed digests are what is tested here.

import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {authProxyUrl, percentEncoded, proxyCredentials} from '../nodes/host-services.ts';
import {nodeImages} from '../nodes/node-image.ts';
import {dropIn, mainPid, sh} from '../nodes/node-checks.ts';
import {runPlugin} from './plugin.ts';

const realTimeoutMs = 900_000;
const images = ['--image', nodeImages.script, '--pause-image', nodeImages.pause];
const checkPods = 'app.kubernetes.io/component=check';

type DriftRecord = {name: string; state: string; drift: {state: string; detail: string}};

describe('real node: status --check', () => {
	const cluster = useCluster({name: 'e2e-real-drift', workloadPodsPerNode: 0, real: {containerd: 1}});
	const node = () => cluster().real!.nodes[0]!;
	const folder = () => `/etc/systemd/system/${node().runtime}.service.d`;
	// The node's files of ours and of the operator, and the runtime's PID: a check must change none of them.
	const nodeState = async () => ({pid: await mainPid(node()), files: await sh(node(), `sha256sum ${folder()}/* | sort`)});

	/** status --check -o json on the real node, with the check pods' status as a watch saw it. */
	async function check() {
		const watch = spawn(cluster().binaries.kubectl, ['--kubeconfig', cluster().kubeconfig, 'get', 'pods', '-n', 'kube-system', '-l', checkPods, '-w', '-o', 'json']);
		let podStatus = '';
		watch.stdout.on('data', (chunk: Buffer) => (podStatus += chunk.toString()));
		const before = await nodeState();
		try {
			const result = await runPlugin(cluster().kubeconfig, ['status', '--check', '--nodes', node().name, '--image', nodeImages.script, '-o', 'json']);
			expect(result.code, result.stdout + result.stderr).not.toBe(2);
			await waitFor(async () => (podStatus.includes('"terminated"') ? true : undefined), {what: 'the watch to see the check pod finish', timeoutMs: 30_000, pollMs: 200});
			const records = JSON.parse(result.stdout) as DriftRecord[];
			expect(await nodeState(), 'the check changed nothing on the node').toEqual(before);
			return {result, drift: records[0]!.drift, podStatus};
		} finally {
			watch.kill();
		}
	}

	const noCheckPodsLeft = async () =>
		waitFor(async () => ((await cluster().kubectl(['get', 'pods', '-n', 'kube-system', '-l', checkPods, '-o', 'name'])).stdout.trim() === '' ? true : undefined), {what: 'the check pods to be gone', timeoutMs: 60_000, pollMs: 1000});

	it('after apply (with credentials): in-sync, exit 0, and neither the output nor the pod status holds a credential', async () => {
		const applied = await runPlugin(cluster().kubeconfig, ['apply', ...images, '--yes', '--timeout', '10m', '--nodes', node().name, '--https-proxy', authProxyUrl(cluster().real!.authProxyHostPort)]);
		expect(applied.code, applied.stdout + applied.stderr).toBe(0);

		const {result, drift, podStatus} = await check();

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(drift).toEqual({state: 'in-sync', detail: ''});
		expect(podStatus).toContain('check=1');
		for (const secret of [proxyCredentials.password, percentEncoded(proxyCredentials.password), proxyCredentials.user]) {
			expect(podStatus).not.toContain(secret);
			expect(result.stdout + result.stderr).not.toContain(secret);
		}

		await noCheckPodsLeft();
	}, realTimeoutMs);

	it('a drop-in edited by hand is edited (exit 3); restored, it is in sync again', async () => {
		await sh(node(), `cp -p ${dropIn(node().runtime)} /root/drop-in.saved && echo 'Environment="NO_PROXY=localhost,.by-hand.example"' >>${dropIn(node().runtime)}`);

		const edited = await check();
		await sh(node(), `cp -p /root/drop-in.saved ${dropIn(node().runtime)}`);

		expect(edited.result.code, edited.result.stdout + edited.result.stderr).toBe(3);
		expect(edited.drift).toEqual({state: 'edited', detail: `${dropIn(node().runtime)} differs from the settings in force`});
		expect((await check()).result.code).toBe(0);
	}, realTimeoutMs);

	it('a runtime restarted with an edited drop-in that was then restored without a restart is stale-runtime (exit 3)', async () => {
		const unit = `${node().runtime}.service`;
		await sh(node(), `echo 'Environment="NO_PROXY=localhost,.by-hand.example"' >>${dropIn(node().runtime)} && systemctl daemon-reload && systemctl restart ${unit}`);
		await sh(node(), `cp -p /root/drop-in.saved ${dropIn(node().runtime)} && systemctl daemon-reload`);

		const stale = await check();

		expect(stale.result.code, stale.result.stdout + stale.result.stderr).toBe(3);
		expect(stale.drift.state).toBe('stale-runtime');
		expect(stale.drift.detail).toMatch(new RegExp(`^${unit} \\(pid \\d+\\) runs with other proxy settings than its drop-ins give`));
		await sh(node(), `systemctl restart ${unit}`);
		expect((await check()).drift.state).toBe('in-sync');
	}, realTimeoutMs);

	it('an operator\'s drop-in is overridden (exit 3) when systemd applies it after ours (systemctl edit\'s override.conf), not when before (99-other.conf)', async () => {
		const before = `${folder()}/99-other.conf`;
		const after = `${folder()}/override.conf`;
		const setsHttpsProxy = `printf '[Service]\\nEnvironment="HTTPS_PROXY=http://other.example:3128"\\n'`;
		await sh(node(), `${setsHttpsProxy} >${before}`);
		const ordered = await check();
		await sh(node(), `mv ${before} ${after}`);
		const overridden = await check();
		await sh(node(), `rm -f ${after}`);

		// Drop-ins apply in file-name order: 99-other.conf before http-proxy.conf, whose HTTPS_PROXY wins.
		expect(ordered.drift).toEqual({state: 'in-sync', detail: ''});
		expect(overridden.result.code, overridden.result.stdout + overridden.result.stderr).toBe(3);
		expect(overridden.drift).toEqual({state: 'overridden', detail: `${after} (HTTPS_PROXY) sets proxy variables over the drop-in of kubectl-proxyinject`});
		expect(overridden.podStatus).not.toContain('other.example');
		await noCheckPodsLeft();
	}, realTimeoutMs);
});
