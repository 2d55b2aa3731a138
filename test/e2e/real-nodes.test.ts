// The plugin on real nodes: QEMU guests with real systemd, containerd, docker
// (+ cri-dockerd) and a kubelet, joined to the real test control plane. No
// node has DNS or a route anywhere: the test image's registry is reachable
// only through the test proxy, so a pull that succeeds went through it, and
// the proxy's log shows it.

import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {authProxyUrl, percentEncoded, proxyCredentials} from '../nodes/host-services.ts';
import {nodeImages, proxiedTestImage} from '../nodes/node-image.ts';
import {dropIn, mainPid, runtimeEnviron, sh, startsSince} from '../nodes/node-checks.ts';
import {pullOnNode} from '../nodes/pull-pod.ts';
import {injectorPods, ourObjects} from './cluster-state.ts';
import {runPlugin} from './plugin.ts';

const realTimeoutMs = 900_000;
const images = ['--image', nodeImages.script, '--pause-image', nodeImages.pause];


describe('real nodes: containerd and docker', () => {
	const cluster = useCluster({name: 'e2e-real', containerd: 1, workloadPodsPerNode: 0, real: {containerd: 1, docker: 1}});
	const real = () => cluster().real!;
	const proxyUrl = () => real().proxyUrl;
	const apply = async (args: readonly string[]) => runPlugin(cluster().kubeconfig, ['apply', ...images, '--yes', '--timeout', '10m', ...args]);

	it('before apply, no real node can pull the image behind the proxy', async () => {
		for (const node of real().nodes) {
			const outcome = await pullOnNode(cluster(), node.name, proxiedTestImage);
			expect(outcome, node.name).toMatchObject({pulled: false});
		}

		expect((await real().proxyLog()).filter(line => line.target.startsWith('registry.proxytest'))).toEqual([]);
	}, realTimeoutMs);

	it('apply, node by node, writes the drop-in, restarts each runtime, and the runtime pulls through the proxy', async () => {
		const before = Object.fromEntries(await Promise.all(real().nodes.map(async node => [node.name, await mainPid(node)] as const)));
		const result = await apply(['--https-proxy', proxyUrl(), '--rollout', 'node-by-node']);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		for (const node of real().nodes) {
			expect(await sh(node, `cat ${dropIn(node.runtime)}`)).toContain(`HTTPS_PROXY=${proxyUrl()}`);
			expect(await runtimeEnviron(node)).toContain(`HTTPS_PROXY=${proxyUrl()}`);
			expect(await mainPid(node), `${node.name}: the runtime was restarted`).not.toBe(before[node.name]);
			expect(await pullOnNode(cluster(), node.name, proxiedTestImage), node.name).toEqual({pulled: true});
		}

		const connects = (await real().proxyLog()).filter(line => line.method === 'CONNECT' && line.target === 'registry.proxytest:443' && line.status === 200);
		expect(connects.length).toBeGreaterThanOrEqual(real().nodes.length);
		// Each node says what it did: docker's from the run after the one its restart stopped.
		for (const node of real().nodes) {
			const sha = (await sh(node, `sha256sum ${dropIn(node.runtime)}`)).slice(0, 64);
			expect(result.stdout).toContain(`${node.name}: ${node.runtime}.service restarted, pid ${before[node.name]} -> ${await mainPid(node)}, drop-in sha256 ${sha.slice(0, 12)}, `);
		}
	}, realTimeoutMs);

	it('the injector pod of a real node has its log, as kubectl shows it', async () => {
		const pods = await injectorPods(cluster());
		for (const node of real().nodes) {
			expect(pods[node.name]).toBeDefined();
			const pod = `pod/${await podName(node.name)}`;
			// Right after docker restarts, cri-dockerd may not serve a log yet.
			const logs = await waitFor(async () => {
				const result = await cluster().kubectl(['logs', '-n', 'kube-system', pod, '-c', 'inject']);
				return result.code === 0 && /proxyinject: /.test(result.stdout) ? result.stdout : undefined;
			}, {what: `the log of ${node.name}'s injector pod`, timeoutMs: 60_000, pollMs: 2000});
			expect(logs, node.name).toMatch(/proxyinject: .*(restarted|already configured)/);
		}
	}, realTimeoutMs);

	it('a second apply with the same settings restarts no runtime', async () => {
		const before = await Promise.all(real().nodes.map(mainPid));
		const result = await apply(['--https-proxy', proxyUrl()]);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(await Promise.all(real().nodes.map(mainPid))).toEqual(before);
	}, realTimeoutMs);

	it('a runtime that does not start with new settings gets its previous drop-in back and runs, and the node fails with the reason', async () => {
		const node = real().node('real-containerd-0');
		const previous = await sh(node, `cat ${dropIn(node.runtime)}`);
		// An operator's own drop-in that makes containerd refuse to start with this one proxy.
		const refusing = `/etc/systemd/system/${node.runtime}.service.d/10-refuse-port-9.conf`;
		const unit = '[Service]\nExecStartPre=/bin/sh -c \'case "$${HTTPS_PROXY}" in *:9) echo refusing this proxy >&2; exit 1;; esac\'\n';
		await node.exec(['sh', '-c', 'printf "%s" "$2" >"$1" && systemctl daemon-reload', 'sh', refusing, unit]);
		try {
			const result = await apply(['--https-proxy', 'http://10.0.2.100:9', '--nodes', node.name]);
			expect(result.code, result.stdout + result.stderr).toBe(1);
			expect(result.stdout + result.stderr).toMatch(/real-containerd-0: FAILED/);
			expect(result.stdout + result.stderr).toContain('the previous drop-in (or none) is back');
			expect(await sh(node, `cat ${dropIn(node.runtime)}`)).toBe(previous);
			expect(await sh(node, `systemctl is-active ${node.runtime}.service`)).toBe('active');
			expect(await runtimeEnviron(node)).toContain(`HTTPS_PROXY=${proxyUrl()}`);
			expect(await pullOnNode(cluster(), node.name, proxiedTestImage)).toEqual({pulled: true});
		} finally {
			await sh(node, `rm -f ${refusing} && systemctl daemon-reload`);
		}
	}, realTimeoutMs);

	it('a NO_PROXY near the per-variable cap reaches the runtime whole, and the runtime runs with it', async () => {
		const node = real().node('real-containerd-0');
		// About 28 KiB: under the plugin's cap of 32 KiB per variable, with room for the entries it adds.
		const hosts = Array.from({length: 1600}, (_, index) => `h${index}.corp.example`).join(',');
		const result = await apply(['--https-proxy', proxyUrl(), '--no-proxy', hosts, '--nodes', node.name]);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(await sh(node, `systemctl is-active ${node.runtime}.service`)).toBe('active');
		const noProxy = (await runtimeEnviron(node)).split('\n').find(line => line.startsWith('NO_PROXY='));
		expect(noProxy).toContain(hosts);
		expect(noProxy!.length).toBeGreaterThan(28_000);
	}, realTimeoutMs);

	it('credentials with % @ $ : and a quote reach the proxy intact, and no local user can read them', async () => {
		const since = Math.floor(Date.now() / 1000);
		const withCredentials = authProxyUrl(real().authProxyHostPort);
		const result = await apply(['--https-proxy', withCredentials]);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout + result.stderr).not.toContain(proxyCredentials.password);
		expect(result.stdout + result.stderr).not.toContain(percentEncoded(proxyCredentials.password));
		for (const node of real().nodes) {
			expect(await startsSince(node, since), `${node.name}: one restart for one settings change`).toBe(1);
			expect(await pullOnNode(cluster(), node.name, proxiedTestImage), node.name).toEqual({pulled: true});
			const asUser = await sh(node, `runuser -u tester -- sh -c 'systemctl show -p Environment ${node.runtime}.service; systemctl cat ${node.runtime}.service; cat /etc/systemd/system/${node.runtime}.service.d/* 2>/dev/null' || true`);
			expect(asUser, `${node.name}: what an unprivileged user sees`).not.toContain(percentEncoded(proxyCredentials.password));
			expect(asUser).not.toContain(proxyCredentials.password);
		}

		const authenticated = (await real().proxyLog()).filter(line => line.user === proxyCredentials.user && line.status === 200);
		expect(authenticated.length).toBeGreaterThanOrEqual(real().nodes.length);
	}, realTimeoutMs);

	it('after a reboot the node configures itself again', async () => {
		const node = real().node('real-containerd-0');
		const configured = (await runtimeEnviron(node)).split('\n').find(line => line.startsWith('HTTPS_PROXY='));
		expect(configured).toBeDefined();
		await node.reboot();
		// The kubelet reports the boot it runs in: the node is back only once that is the new boot and it is Ready.
		const bootId = await sh(node, 'cat /proc/sys/kernel/random/boot_id');
		await waitFor(async () => {
			const reported = await cluster().kubectl(['get', 'node', node.name, '-o', 'jsonpath={.status.nodeInfo.bootID} {.status.conditions[?(@.type=="Ready")].status}']);
			return reported.stdout.trim() === `${bootId} True` ? true : undefined;
		}, {what: `${node.name}'s kubelet to report the new boot, Ready`, timeoutMs: 600_000, pollMs: 2000});
		await waitFor(async () => (await runtimeEnviron(node).catch(() => '')).split('\n').includes(configured!) ? true : undefined, {
			what: `${node.name}'s runtime to carry the proxy after the reboot`,
			timeoutMs: 600_000,
			pollMs: 3000,
		});
		expect(await pullOnNode(cluster(), node.name, proxiedTestImage)).toEqual({pulled: true});
		// Its pod ran again at boot and found the runtime started with the drop-in: no restart, and status says so.
		const pid = Number(await mainPid(node));
		const report = await waitFor(async () => {
			const result = await runPlugin(cluster().kubeconfig, ['status', '--nodes', node.name, '-o', 'json']);
			const got = (JSON.parse(result.stdout) as Array<{nodeReport: {restarted: boolean; runtimePidAfter?: number; dropInSha256?: string} | null}>)[0]?.nodeReport;
			return got?.runtimePidAfter === pid ? got : undefined;
		}, {what: `status to show ${node.name}'s report from its run after the reboot`, timeoutMs: 120_000, pollMs: 2000});
		expect(report).toMatchObject({restarted: false, dropInSha256: (await sh(node, `sha256sum ${dropIn(node.runtime)}`)).slice(0, 64)});
		const wide = await runPlugin(cluster().kubeconfig, ['status', '--nodes', node.name, '-o', 'wide']);
		expect(wide.stdout).toContain(`containerd.service not restarted, pid ${pid}, drop-in sha256 `);
	}, realTimeoutMs);

	it('remove restores every runtime in one run, and pulls fail again', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['remove', ...images, '--yes', '--timeout', '10m']);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		for (const node of real().nodes) {
			expect(await sh(node, `ls /etc/systemd/system/${node.runtime}.service.d/ 2>/dev/null || true`), node.name).toBe('');
			expect(await runtimeEnviron(node)).not.toContain('HTTPS_PROXY');
			expect(await pullOnNode(cluster(), node.name, proxiedTestImage), node.name).toMatchObject({pulled: false});
		}

		await waitFor(async () => ((await ourObjects(cluster())).length === 0 ? true : undefined), {what: 'every object of ours to be gone', timeoutMs: 120_000});
	}, realTimeoutMs);

	async function podName(node: string): Promise<string> {
		const result = await cluster().kubectl(['get', 'pods', '-n', 'kube-system', '--field-selector', `spec.nodeName=${node}`, '-l', 'app.kubernetes.io/component=injector', '-o', 'jsonpath={.items[0].metadata.name}']);
		return result.stdout.trim();
	}
});
