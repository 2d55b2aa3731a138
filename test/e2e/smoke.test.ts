// The test cluster itself: a real control plane whose fake nodes behave the
// way the plugin's tests rely on.

import {describe, expect, it} from 'vitest';
import {buildManifests, buildRemovalManifests} from '../../source/manifests/build-manifests.ts';
import {defaultImages} from '../../source/manifests/images.ts';
import {manifestsToYaml} from '../../source/manifests/to-yaml.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import {serviceCidr} from '../cluster/kwokctl-config.ts';
import {freshNamespace, useCluster} from '../cluster/fixture.ts';
import type {TestCluster} from '../cluster/cluster.ts';
import {crashLoopRestartCount} from '../cluster/stages.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {privilegedDaemonSet} from './setup/privileged-daemonset.ts';

type Node = {
	metadata: {name: string; labels: Record<string, string>};
	spec: {podCIDRs?: string[]};
	status: {nodeInfo: {containerRuntimeVersion: string; operatingSystem: string; architecture: string}; addresses: {type: string; address: string}[]; conditions: {type: string; status: string}[]};
};

type ContainerStatus = {name: string; ready: boolean; restartCount: number; state: Record<string, {reason?: string; exitCode?: number}>; lastState: {terminated?: {exitCode: number}}};

type Pod = {
	metadata: {name: string; namespace: string; labels: Record<string, string>};
	spec: {nodeName?: string};
	status: {phase: string; conditions?: {type: string; status: string}[]; initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[]};
};

async function json<T>(cluster: TestCluster, args: readonly string[]): Promise<T> {
	const result = await cluster.kubectl([...args, '-o', 'json']);
	if (result.code !== 0) {
		throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
	}

	return JSON.parse(result.stdout) as T;
}

const ready = (pod: Pod) => pod.status.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false;

describe('the test cluster', () => {
	const cluster = useCluster({name: 'e2e-smoke', containerd: 2, docker: 1, crio: 1, windows: 1, arm64: 1, fail: ['containerd-2']});
	const linuxNodes = ['containerd-1', 'containerd-2', 'containerd-arm64-1', 'crio-1', 'docker-1'];

	it('has Ready nodes that report their container runtime, OS and address', async () => {
		const nodes = (await json<{items: Node[]}>(cluster(), ['get', 'nodes'])).items;
		const byName = new Map(nodes.map(node => [node.metadata.name, node]));
		expect([...byName.keys()].sort()).toEqual([...linuxNodes, 'windows-1'].sort());
		const runtimeOf = (name: string) => byName.get(name)!.status.nodeInfo.containerRuntimeVersion;
		expect(runtimeOf('containerd-1')).toBe('containerd://1.7.24');
		expect(runtimeOf('docker-1')).toBe('docker://20.10.24');
		expect(runtimeOf('crio-1')).toBe('cri-o://1.30.4');
		expect(runtimeOf('windows-1')).toBe('containerd://1.7.20');
		expect(byName.get('containerd-arm64-1')!.metadata.labels['kubernetes.io/arch']).toBe('arm64');
		for (const node of nodes) {
			expect(node.status.conditions.find(condition => condition.type === 'Ready')?.status, node.metadata.name).toBe('True');
			expect(node.metadata.labels['kubernetes.io/hostname']).toBe(node.metadata.name);
			expect(node.metadata.labels['node.kubernetes.io/instance-type']).toBeTruthy();
			expect(node.spec.podCIDRs?.[0]).toMatch(/^10\.244\.\d+\.0\/24$/);
			expect(node.status.addresses.find(address => address.type === 'InternalIP')?.address).toMatch(/^10\.0\.\d+\.\d+$/);
		}
	});

	it('has a windows node that says so in its label and node info', async () => {
		const node = await json<Node>(cluster(), ['get', 'node', 'windows-1']);
		expect(node.metadata.labels['kubernetes.io/os']).toBe('windows');
		expect(node.status.nodeInfo.operatingSystem).toBe('windows');
	});

	it('runs workload pods on every node, some still in ContainerCreating', async () => {
		const pods = (await json<{items: Pod[]}>(cluster(), ['get', 'pods', '-n', 'apps'])).items;
		expect(new Set(pods.map(pod => pod.spec.nodeName)).size).toBe(6);
		const creating = pods.filter(pod => pod.status.containerStatuses?.[0]?.state['waiting']?.reason === 'ContainerCreating');
		expect(creating.map(pod => pod.status.phase)).toEqual(['Pending', 'Pending']);
		expect(pods.filter(pod => pod.status.phase === 'Running')).toHaveLength(pods.length - 2);
	});

	it('accepts a privileged DaemonSet and runs it on every linux node; the failing node crash-loops', async () => {
		const namespace = await freshNamespace(cluster(), 'smoke');
		const manifest = JSON.stringify(privilegedDaemonSet('smoke-injector', namespace));
		const dryRun = await cluster().kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], {input: manifest});
		expect(dryRun.code, dryRun.stderr).toBe(0);
		expect(await cluster().kubectl(['get', 'daemonset', 'smoke-injector', '-n', namespace]).then(result => result.code)).not.toBe(0);

		const applied = await cluster().kubectl(['apply', '--server-side', '-f', '-'], {input: manifest});
		expect(applied.code, applied.stderr).toBe(0);

		let pods: Pod[] = [];
		await waitFor(async () => {
			pods = (await json<{items: Pod[]}>(cluster(), ['get', 'pods', '-n', namespace])).items;
			const healthy = pods.filter(pod => pod.spec.nodeName !== 'containerd-2');
			const failing = pods.find(pod => pod.spec.nodeName === 'containerd-2');
			const settled = healthy.length === 4 && healthy.every(pod => ready(pod)) && failing?.status.initContainerStatuses !== undefined;
			return settled ? true : undefined;
		}, {what: 'DaemonSet pods to settle', timeoutMs: 60_000}, () => pods.map(pod => `${pod.spec.nodeName}:${pod.status.phase}`).join(' '));

		expect(pods.map(pod => pod.spec.nodeName).sort()).toEqual(linuxNodes);
		const initOf = (pod: Pod) => pod.status.initContainerStatuses![0]!;
		for (const pod of pods.filter(pod => pod.spec.nodeName !== 'containerd-2')) {
			expect(initOf(pod).state['terminated']?.reason).toBe('Completed');
		}

		const failing = pods.find(pod => pod.spec.nodeName === 'containerd-2')!;
		expect(failing.status.phase).toBe('Pending');
		expect(ready(failing)).toBe(false);
		expect(initOf(failing).state['waiting']?.reason).toBe('CrashLoopBackOff');
		expect(initOf(failing).lastState.terminated?.exitCode).toBe(1);
		expect(initOf(failing).restartCount).toBe(crashLoopRestartCount);
		expect(failing.status.containerStatuses?.[0]?.state['waiting']?.reason).toBe('PodInitializing');

		const logs = await cluster().kubectl(['logs', '-n', namespace, failing.metadata.name, '-c', 'inject']);
		expect(logs.code, logs.stderr).toBe(0);
		expect(logs.stdout).toContain('proxyinject: containerd.service did not become active within 120s');

		const daemonSet = await json<{status: {desiredNumberScheduled: number; numberReady: number}}>(cluster(), ['get', 'daemonset', 'smoke-injector', '-n', namespace]);
		expect(daemonSet.status).toMatchObject({desiredNumberScheduled: 5, numberReady: 4});
	});

	it('heals a failing node on request: its crash-looping pod starts', async () => {
		await cluster().setNodeFailing('containerd-2', false);
		const namespaces = (await json<{items: Pod[]}>(cluster(), ['get', 'pods', '-A', '--field-selector', 'spec.nodeName=containerd-2'])).items
			.filter(pod => pod.status.initContainerStatuses)
			.map(pod => pod.metadata.namespace);
		expect(namespaces).toHaveLength(1);
		await waitFor(async () => {
			const pods = (await json<{items: Pod[]}>(cluster(), ['get', 'pods', '-n', namespaces[0]!, '--field-selector', 'spec.nodeName=containerd-2'])).items;
			return pods.length === 1 && ready(pods[0]!) ? true : undefined;
		}, {what: 'the pod on the healed node to become Ready', timeoutMs: 30_000});
	});

	it('accepts the plugin\'s own manifests in a server-side dry run', async () => {
		const settings = buildSettings({
			httpsProxy: 'http://user:s3cr%40t@proxy.corp:3128',
			noProxy: 'registry.corp',
			noDefaultNoProxy: false,
			requireProxy: true,
		}, {
			clusterDomain: 'cluster.local',
			podCidrs: cluster().nodes.map(node => node.podCidr),
			serviceCidrs: [serviceCidr],
			nodeInternalIps: cluster().nodes.map(node => node.internalIp),
		});
		const options = {namespace: 'kube-system', image: defaultImages.script, pauseImage: defaultImages.pause, settingsHashKey: 'smoke'};
		const install = buildManifests(settings, options);
		const removal = buildRemovalManifests(options);
		const objects = [install.configMap, ...(install.secret ? [install.secret] : []), install.injector, removal.remover];
		expect(objects.map(object => object.kind)).toEqual(['ConfigMap', 'Secret', 'DaemonSet', 'DaemonSet']);

		const result = await cluster().kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], {input: manifestsToYaml(objects)});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout.trim().split('\n')).toHaveLength(4);
	});

	it('gives a restricted user read access but Forbidden on creating DaemonSets and patching nodes', async () => {
		const kubeconfig = await cluster().restrictedKubeconfig();
		const list = await cluster().kubectl(['get', 'nodes,pods', '-A', '-o', 'name'], {kubeconfig});
		expect(list.code, list.stderr).toBe(0);
		expect(list.stdout).toContain('node/containerd-1');

		const create = await cluster().kubectl(['apply', '-f', '-'], {kubeconfig, input: JSON.stringify(privilegedDaemonSet('not-allowed', 'kube-system'))});
		expect(create.code).not.toBe(0);
		expect(create.stderr).toMatch(/Forbidden.*cannot create resource "daemonsets"/);

		const patch = await cluster().kubectl(['label', 'node', 'containerd-1', 'example=1'], {kubeconfig});
		expect(patch.code).not.toBe(0);
		expect(patch.stderr).toMatch(/Forbidden.*cannot patch resource "nodes"/);
	});

	it('can take the API server away and bring it back', async () => {
		await cluster().stopApiserver();
		const refused = await cluster().kubectl(['get', 'nodes']);
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toMatch(/refused/);

		await cluster().startApiserver();
		const back = await cluster().kubectl(['get', 'nodes', '-o', 'name']);
		expect(back.code, back.stderr).toBe(0);
		expect(back.stdout.trim().split('\n')).toHaveLength(6);
	});
});
