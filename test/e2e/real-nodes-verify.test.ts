// --verify-image on real nodes: after each node is configured, a pod bound
// to it pulls an image that only the test proxy can reach (the nodes have no
// DNS and no route), and the node is done only once the kubelet reports the
// pull. Through a proxy that refuses (it wants credentials the settings do
// not have), the first node fails with the kubelet's message and the
// rollout stops before the second. Two real containerd nodes, so that the
// halt is seen on a real node. First, before anything is configured: an
// injector image that no node can pull fails the first node with the pull
// error at once, not after --timeout, and its runtime is left as it was.

import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {nodeImages, proxiedTestImage} from '../nodes/node-image.ts';
import {dropIn, mainPid, runtimeEnviron, sh} from '../nodes/node-checks.ts';
import type {NodeVm} from '../nodes/node-vm.ts';
import {runPlugin, startPlugin} from './plugin.ts';

const realTimeoutMs = 900_000;
const images = ['--image', nodeImages.script, '--pause-image', nodeImages.pause];

// What the node's runtime has in its image store: the pull leaves the image there.
const hasImage = async (node: NodeVm) => (await sh(node, 'ctr -n k8s.io images ls -q')).split('\n').includes(proxiedTestImage);

describe('real nodes: --verify-image', () => {
	const cluster = useCluster({name: 'e2e-real-verify', workloadPodsPerNode: 0, real: {containerd: 2}});
	const real = () => cluster().real!;
	const apply = async (proxy: string) =>
		runPlugin(cluster().kubeconfig, ['apply', ...images, '--yes', '--timeout', '5m', '--rollout', 'node-by-node', '--https-proxy', proxy, '--verify-image', proxiedTestImage]);
	const verifyPods = async () => {
		const listed = await cluster().kubectl(['get', 'pods', '-n', 'kube-system', '-l', 'app.kubernetes.io/component=verify', '-o', 'name']);
		return listed.stdout.trim();
	};

	it('an injector image no node can pull fails the first node with the pull error within two minutes, and writes nothing', async () => {
		const first = real().node('real-containerd-0');
		const pidBefore = await mainPid(first);
		// No DNS on the nodes and no proxy yet: the pull fails at once, on every attempt.
		const unpullable = 'registry.invalid/nothing:1';
		const run = startPlugin(cluster().kubeconfig, ['apply', '--image', unpullable, '--pause-image', nodeImages.pause, '--yes', '--timeout', '10m', '--https-proxy', real().proxyUrl]);

		// The deadline is far below --timeout: the pull error, not the timeout, ends the node.
		await run.waitForOutput(/real-containerd-0: FAILED: (ErrImagePull|ImagePullBackOff): /, 120_000);
		const result = await run.done;

		expect(result.code, result.stdout + result.stderr).toBe(1);
		// The kubelets list the pause image they have, not the one nobody can pull.
		expect(result.stdout).toContain(`warning: Images not listed on 2 node(s) (${unpullable}): real-containerd-0, real-containerd-1.\n`);
		expect(result.stdout).toMatch(new RegExp(`real-containerd-0: FAILED: (ErrImagePull|ImagePullBackOff): .*${unpullable.replaceAll('.', '\\.')}`));
		expect(result.stdout + result.stderr).toContain('not finished (held back, untouched): real-containerd-1');
		expect(await sh(first, `test -e ${dropIn(first.runtime)} && echo written || echo absent`)).toBe('absent');
		expect(await mainPid(first), 'containerd was not restarted').toBe(pidBefore);

		const removed = await runPlugin(cluster().kubeconfig, ['remove', ...images, '--yes', '--rollout', 'all', '--timeout', '5m']);
		expect(removed.code, removed.stdout + removed.stderr).toBe(0);
	}, realTimeoutMs);

	it('through the right proxy: each node is verifying, then done once it pulled the image; no verification pod is left', async () => {
		for (const node of real().nodes) {
			expect(await hasImage(node), `${node.name} has not pulled the image before`).toBe(false);
		}

		const result = await apply(real().proxyUrl);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout).toContain(`--verify-image: a node is done only once it has pulled ${proxiedTestImage}`);
		for (const node of real().nodes) {
			expect(result.stdout).toMatch(new RegExp(`${node.name}: verifying\\n(?:.*\\n)*?.*${node.name}: done`));
			expect(await hasImage(node), `${node.name} pulled the image`).toBe(true);
		}

		await waitFor(async () => ((await verifyPods()) === '' ? true : undefined), {what: 'the verification pods to be gone', timeoutMs: 60_000, pollMs: 1000});
	}, realTimeoutMs);

	it('through a proxy that refuses: the first node fails with the kubelet\'s message, the second is held untouched', async () => {
		const [first, second] = [real().node('real-containerd-0'), real().node('real-containerd-1')];
		// The credentials proxy, without credentials: it answers every CONNECT with 407.
		const refusing = `http://${real().authProxyHostPort}`;

		const result = await apply(refusing);

		expect(result.code, result.stdout + result.stderr).toBe(1);
		const output = result.stdout + result.stderr;
		expect(output).toMatch(new RegExp(`real-containerd-0: FAILED: could not pull ${proxiedTestImage.replaceAll('.', '\\.')}: (ErrImagePull|ImagePullBackOff): .*Proxy Authentication Required`));
		expect(output).toContain('not finished (held back, untouched): real-containerd-1');
		// The first node runs with the refusing proxy (that is what the check caught); the second was never touched.
		expect(await runtimeEnviron(first)).toContain(`HTTPS_PROXY=${refusing}`);
		expect(await runtimeEnviron(second)).toContain(`HTTPS_PROXY=${real().proxyUrl}`);
		await waitFor(async () => ((await verifyPods()) === '' ? true : undefined), {what: 'the verification pod to be gone', timeoutMs: 60_000, pollMs: 1000});
	}, realTimeoutMs);
});
