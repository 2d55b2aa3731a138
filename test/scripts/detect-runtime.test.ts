import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dropIn, FakeNode, shells} from './fake-node.ts';

for (const shell of shells) describe.skipIf(!shell.available)(`runtime detection under ${shell.name}`, () => {
	let node: FakeNode;

	beforeEach(() => {
		node = new FakeNode(shell);
		node.config(dropIn({HTTP_PROXY: 'http://proxy.example:3128'}));
		// Mentions kubelet, but is not the kubelet.
		node.process(300, ['/csi-node-driver', '--kubelet-registration-path=/var/lib/kubelet/plugins/x/csi.sock', '--endpoint=unix:///run/crio/x.sock']);
	});
	afterEach(() => node.remove());

	async function detected(): Promise<string> {
		const result = await node.run('inject.sh');
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const restarted = node.systemctlCalls('restart');
		expect(restarted).toHaveLength(1);
		return restarted[0]!.replace('systemctl restart ', '');
	}

	test('kubelet --container-runtime-endpoint=... naming crio', async () => {
		node.unit('containerd.service', {active: true});
		node.unit('crio.service', {active: true});
		node.kubelet(['/usr/bin/kubelet', '--v=2', '--container-runtime-endpoint=unix:///var/run/crio/crio.sock']);

		expect(await detected()).toBe('crio.service');
		expect(node.hasDropIn('crio.service')).toBe(true);
		expect(node.hasDropIn('containerd.service')).toBe(false);
	});

	test('kubelet --container-runtime-endpoint <value> naming cri-dockerd, though containerd is active', async () => {
		node.unit('containerd.service', {active: true});
		node.unit('docker.service', {active: true});
		node.kubelet(['kubelet', '--container-runtime-endpoint', 'unix:///run/cri-dockerd.sock']);

		expect(await detected()).toBe('docker.service');
	});

	test('an old kubelet with --container-runtime=docker uses dockershim', async () => {
		node.unit('containerd.service', {active: true});
		node.unit('docker.service', {active: true});
		node.kubelet(['/home/kubernetes/bin/kubelet', '--container-runtime=docker']);

		expect(await detected()).toBe('docker.service');
	});

	test('containerRuntimeEndpoint in the kubelet config named by --config', async () => {
		node.unit('crio.service', {active: true});
		node.unit('containerd.service', {active: true});
		node.kubelet(['/usr/bin/kubelet', '--config', '/home/kubernetes/kubelet-config.yaml']);
		node.hostFile('/home/kubernetes/kubelet-config.yaml', 'kind: KubeletConfiguration\ncontainerRuntimeEndpoint: "unix:///run/containerd/containerd.sock"\n');

		expect(await detected()).toBe('containerd.service');
		expect(node.calls()).toContain('nsenter --target 1 --mount -- cat /home/kubernetes/kubelet-config.yaml');
	});

	test('containerRuntimeEndpoint in the default kubelet config', async () => {
		node.unit('containerd.service', {active: true});
		node.unit('crio.service', {active: true});
		node.kubelet(['/usr/bin/kubelet']);
		node.hostFile('/var/lib/kubelet/config.yaml', 'apiVersion: kubelet.config.k8s.io/v1beta1\ncontainerRuntimeEndpoint: unix:///var/run/crio/crio.sock\n');

		expect(await detected()).toBe('crio.service');
	});

	test('no kubelet and no config: the active unit, crio before containerd', async () => {
		node.unit('containerd.service', {active: true});
		node.unit('crio.service', {active: true});

		expect(await detected()).toBe('crio.service');
	});

	test('no kubelet and no config: containerd before docker', async () => {
		node.unit('docker.service', {active: true});
		node.unit('containerd.service', {active: true});

		expect(await detected()).toBe('containerd.service');
	});

	test('no kubelet and no config: docker when nothing else is active', async () => {
		node.unit('docker.service', {active: true});
		node.unit('containerd.service', {active: false});

		expect(await detected()).toBe('docker.service');
	});

	test('nothing found is an error that says what to do', async () => {
		const result = await node.run('inject.sh');

		expect(result.code).toBe(1);
		expect(result.stderr.trim()).toMatch(/^proxyinject: no container runtime found on this node: .*set PROXYINJECT_RUNTIME/);
		expect(node.systemctlCalls('restart')).toEqual([]);
	});

	describe('a local process cannot fool it', () => {
		test('a process named kubelet that kubelet.service did not start is ignored', async () => {
			node.unit('containerd.service', {active: true});
			node.unit('docker.service', {active: true});
			node.kubelet(['/usr/bin/kubelet', '--container-runtime-endpoint=unix:///run/containerd/containerd.sock']);
			node.process(7000, ['/tmp/kubelet', '--container-runtime-endpoint=unix:///run/cri-dockerd.sock'], [], 1000);

			expect(await detected()).toBe('containerd.service');
		});

		test('without kubelet.service, an unprivileged process named kubelet decides nothing', async () => {
			node.unit('containerd.service', {active: true});
			node.unit('docker.service', {active: true});
			node.process(7000, ['/tmp/kubelet', '--container-runtime-endpoint=unix:///run/cri-dockerd.sock'], [], 1000);

			expect(await detected()).toBe('containerd.service');
		});

		test('a main process of kubelet.service that does not run as root is ignored, with a warning', async () => {
			node.unit('containerd.service', {active: true});
			node.kubelet(['/usr/bin/kubelet', '--container-runtime-endpoint=unix:///run/cri-dockerd.sock'], {uid: 1000});

			const result = await node.run('inject.sh');

			expect(result.code).toBe(0);
			expect(result.stderr).toMatch(/warning: the main process of kubelet\.service \(pid \d+\) does not run as root; ignoring it/);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
		});
	});

	describe('checked against the runtime the API server reports', () => {
		beforeEach(() => {
			node.unit('containerd.service', {active: true});
			node.kubelet(['/usr/bin/kubelet', '--container-runtime-endpoint=unix:///run/containerd/containerd.sock']);
		});

		test('agreeing: configured', async () => {
			node.nodeRuntimes({'node-0': 'docker', 'node-1': 'containerd'});

			expect(await detected()).toBe('containerd.service');
		});

		test('disagreeing: the node fails naming both, and nothing is touched', async () => {
			node.nodeRuntimes({'node-1': 'docker'});

			const result = await node.run('inject.sh');

			expect(result.code).toBe(1);
			expect(result.stderr.trim()).toBe(
				'proxyinject: this node shows runtime containerd (kubelet --container-runtime-endpoint unix:///run/containerd/containerd.sock), '
				+ 'but the API server reports docker for node node-1 (status.nodeInfo.containerRuntimeVersion); refusing to configure either',
			);
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(node.hasDropIn('containerd.service')).toBe(false);
			expect(node.hasDropIn('docker.service')).toBe(false);
		});

		test('a forced runtime is checked too', async () => {
			node.nodeRuntimes({'node-1': 'containerd'});

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain('this node shows runtime docker (PROXYINJECT_RUNTIME), but the API server reports containerd for node node-1');
		});

		test('a node that joined after the apply: the runtime it shows, said so', async () => {
			node.nodeRuntimes({'node-0': 'docker'});

			const result = await node.run('inject.sh');

			expect(result.code).toBe(0);
			expect(result.stdout).toContain('node node-1 was not in the cluster at the last apply; using the runtime this node shows');
		});
	});

	test('the log says how the runtime was found', async () => {
		node.unit('containerd.service', {active: true});
		node.kubelet(['/usr/bin/kubelet', '--container-runtime-endpoint=unix:///run/containerd/containerd.sock']);

		const result = await node.run('inject.sh');

		expect(result.stdout.split('\n')[0]).toBe(
			'proxyinject: runtime: containerd (kubelet --container-runtime-endpoint unix:///run/containerd/containerd.sock)',
		);
	});
});
