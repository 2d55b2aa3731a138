// A real Kubernetes control plane (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler) whose nodes are kwok fakes. This is
// the one entry point tests, the CLI and the demo use.

import {mkdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import {type Binaries, findCachedBinaries} from './binaries.ts';
import {guardCluster} from './cluster-guard.ts';
import {ensureGone, isClusterProcessAlive, readClusterProcesses} from './cluster-processes.ts';
import {freePort} from './free-port.ts';
import {criLog, failingInjectLog, healthyLog} from './fake-logs.ts';
import {createWithKwokctl, deleteWithKwokctl, startWithKwokctl} from './kwokctl.ts';
import {egressSelectorConfig, failingKwokConfig, type KwokPorts, kwokctlConfig} from './kwokctl-config.ts';
import {egressProxySocket, startEgressProxy} from '../nodes/host-services.ts';
import type {NodeImage} from '../nodes/node-image.ts';
import {attachRealNodes, isRealNodeProcess, type RealNodes, type RealNodeShape, realNodeNames, startRealNodes, waitForRealNodesReady} from '../nodes/real-nodes.ts';
import {nodeManifest} from './node-manifest.ts';
import {type ClusterShape, type PlannedNode, planNodes} from './node-plan.ts';
import {type ClusterPaths, clusterPaths} from './paths.ts';
import {restrictedUser, restrictedUserManifests, tokenKubeconfig} from './restricted-user.ts';
import {run, type RunResult} from './run.ts';
import type {PodTiming} from './stages.ts';
import {testLabels} from './test-labels.ts';
import {waitFor} from './wait-for.ts';
import {planWorkloadPods, type WorkloadPod, workloadNamespace, workloadPodManifest} from './workload-pods.ts';

export type ClusterSpec = ClusterShape & {
	name: string;
	/** Running application pods per node (default 2; the first two nodes get one stuck in ContainerCreating). */
	workloadPodsPerNode?: number;
	/** How long every pod takes to start, or to fail on a failing node (default 0: at once). */
	podStartDelayMs?: number;
	/** An audit policy (YAML) for kube-apiserver; the log is then at TestCluster.auditLog. Default: no auditing. */
	auditPolicy?: string;
	/** Real node VMs beside the kwok nodes (needs the node image: test/nodes/build-node-image.sh). */
	real?: RealNodeShape;
};

export type StartOptions = {
	/** Leave the cluster running when this process ends (`cluster up`, the demo). */
	persistent?: boolean;
	binaries?: Binaries;
	/** Needed when the spec has real nodes. */
	nodeImage?: NodeImage;
	/** Progress lines ("creating 100 nodes"). */
	log?: (line: string) => void;
	/** Deadline for the whole start-up. */
	timeoutMs?: number;
};

export type ClusterTimings = {
	/** kwokctl create until the API server answers. */
	controlPlaneMs: number;
	/** Node objects created until every node is Ready. */
	nodesMs: number;
	workloadsMs: number;
	/** Real node VMs booted until their nodes are Ready (0 without real nodes). */
	realNodesMs: number;
	totalMs: number;
	reused: boolean;
};

export type KubectlOptions = {input?: string; kubeconfig?: string};

export type TestCluster = {
	readonly name: string;
	/** Admin kubeconfig (system:masters). */
	readonly kubeconfig: string;
	readonly binDir: string;
	readonly binaries: Binaries;
	readonly nodes: readonly PlannedNode[];
	readonly workloadPods: readonly WorkloadPod[];
	readonly timings: ClusterTimings;
	/** kube-apiserver's audit log (JSON lines) when the spec has an auditPolicy; rotated files go beside it. */
	readonly auditLog?: string;
	/** The real node VMs and their host services, when the spec has real nodes. */
	readonly real?: RealNodes;
	/** kubectl against this cluster, as admin unless another kubeconfig is given. Never throws for exit codes. */
	kubectl(args: readonly string[], options?: KubectlOptions): Promise<RunResult>;
	/** Kubeconfig of a user who may read nodes and pods but not create DaemonSets or patch nodes. */
	restrictedKubeconfig(): Promise<string>;
	/**
	 * Hands a node to the failing fake kubelet (or back). Pods that already
	 * run keep running; pods created later on a failing node crash-loop, and
	 * crash-looping pods on a healed node start. Restarts both kwok
	 * controllers (a few seconds): kwok only takes over a node whose lease it
	 * holds.
	 */
	setNodeFailing(node: string, failing: boolean): Promise<void>;
	/** Kills kube-apiserver (watches drop, requests are refused) until startApiserver. */
	stopApiserver(): Promise<void>;
	startApiserver(): Promise<void>;
	/** Deletes the cluster; every process it ran is gone when this resolves. */
	stop(): Promise<void>;
};

const defaultWorkloadPodsPerNode = 2;
const createChunk = 250;
const createParallelism = 4;

export async function startCluster(spec: ClusterSpec, options: StartOptions = {}): Promise<TestCluster> {
	const started = Date.now();
	const log = options.log ?? (() => {});
	const nodes = planNodes(spec);
	const perNode = spec.workloadPodsPerNode ?? defaultWorkloadPodsPerNode;
	const workloads = planWorkloadPods(nodes, perNode);
	const binaries = options.binaries ?? await requireCachedBinaries();
	const paths = clusterPaths(spec.name);
	const kubectl = kubectlFor(binaries, paths.adminKubeconfig);
	const timeoutMs = options.timeoutMs ?? 300_000 + nodes.length * 300;
	const fingerprint = JSON.stringify({spec: {...spec, workloadPodsPerNode: perNode}, binaries: binaries.dir});
	const realShape = realNodeNames(spec.real ?? {}).length > 0 ? spec.real : undefined;

	if (await reusable(paths, fingerprint, kubectl)) {
		log(`reusing running cluster ${spec.name}`);
		await waitForNodes(kubectl, nodes, timeoutMs);
		const timings = {controlPlaneMs: 0, nodesMs: 0, workloadsMs: 0, realNodesMs: 0, totalMs: Date.now() - started, reused: true};
		const real = realShape ? await attachRealNodes(realShape, paths.realNodesDir) : undefined;
		return handle({name: spec.name, binaries, paths, nodes, workloads, timings, audited: spec.auditPolicy !== undefined, real, release() {}});
	}

	if (realShape && !options.nodeImage) {
		throw new Error('a cluster with real nodes needs the node image (StartOptions.nodeImage)');
	}

	await deleteCluster(spec.name, binaries);
	const egressSocket = realShape ? egressProxySocket(paths.kwokDir) : undefined;
	await prepareFiles(binaries, paths, {podStartDelayMs: spec.podStartDelayMs ?? 0}, spec.auditPolicy, egressSocket);
	const guard = guardCluster(binaries, spec.name, paths);
	try {
		log(`starting control plane ${spec.name}`);
		await createWithKwokctl(binaries, spec.name, paths);
		await waitFor(async () => ((await kubectl(['get', '--raw', '/readyz'])).code === 0 ? true : undefined), {
			what: 'kube-apiserver /readyz',
			// A deadline, not a delay: on a busy 2-core machine the first start takes minutes.
			timeoutMs: 180_000,
		});
		const controlPlaneReady = Date.now();

		log(`creating ${nodes.length} nodes`);
		await createAll(kubectl, nodes.map(node => nodeManifest(node, binaries.kubeVersion)));
		await waitForNodes(kubectl, nodes, timeoutMs);
		const nodesReady = Date.now();

		if (workloads.length > 0) {
			log(`creating ${workloads.length} workload pods`);
			await createWorkloads(kubectl, nodes, workloads, timeoutMs);
		}

		const workloadsReady = Date.now();
		let real: RealNodes | undefined;
		if (realShape && options.nodeImage && egressSocket !== undefined) {
			const egressMap = await startEgressProxy(options.nodeImage, paths.realNodesDir, paths.pidsDir, egressSocket);
			real = await startRealNodes(realShape, {
				image: options.nodeImage,
				kubelet: binaries.kubelet,
				adminKubeconfig: paths.adminKubeconfig,
				dir: paths.realNodesDir,
				pidsDir: paths.pidsDir,
				egressMap,
				log,
			});
			log('waiting for the real nodes to be Ready (about 2 minutes under emulation)');
			await waitForRealNodesReady(real.nodes, kubectl, 600_000);
		}

		await writeFile(paths.spec, fingerprint);
		const done = Date.now();
		const timings = {
			controlPlaneMs: controlPlaneReady - started,
			nodesMs: nodesReady - controlPlaneReady,
			workloadsMs: workloadsReady - nodesReady,
			realNodesMs: done - workloadsReady,
			totalMs: done - started,
			reused: false,
		};
		if (options.persistent) {
			guard.release();
		}

		return handle({name: spec.name, binaries, paths, nodes, workloads, timings, audited: spec.auditPolicy !== undefined, real, release: () => guard.release()});
	} catch (error) {
		await deleteCluster(spec.name, binaries).catch(() => {});
		guard.release();
		throw error;
	}
}

/** The cached binaries or an error saying how to get them. */
export async function requireCachedBinaries(): Promise<Binaries> {
	const lookup = await findCachedBinaries();
	if (!lookup.found) {
		throw new Error(`${lookup.reason}; run: npm run --silent cluster -- bin`);
	}

	return lookup.binaries;
}

/** A running cluster started earlier (by name), or undefined. */
export async function attachCluster(name: string, binaries: Binaries): Promise<TestCluster | undefined> {
	const paths = clusterPaths(name);
	const kubectl = kubectlFor(binaries, paths.adminKubeconfig);
	const fingerprint = await readFile(paths.spec, 'utf8').catch(() => undefined);
	if (fingerprint === undefined || !(await reusable(paths, fingerprint, kubectl))) {
		return undefined;
	}

	const spec = (JSON.parse(fingerprint) as {spec: ClusterSpec}).spec;
	const nodes = planNodes(spec);
	const timings = {controlPlaneMs: 0, nodesMs: 0, workloadsMs: 0, realNodesMs: 0, totalMs: 0, reused: true};
	const real = spec.real && realNodeNames(spec.real).length > 0 ? await attachRealNodes(spec.real, paths.realNodesDir) : undefined;
	return handle({name, binaries, paths, nodes, workloads: planWorkloadPods(nodes, spec.workloadPodsPerNode ?? 0), timings, audited: spec.auditPolicy !== undefined, real, release() {}});
}

/** Stops every process of the cluster and removes its files; a no-op when there is none. */
export async function deleteCluster(name: string, binaries: Binaries): Promise<void> {
	const paths = clusterPaths(name);
	const processes = await readClusterProcesses(paths.pidsDir);
	// The VMs and their services do not stop on their own: no grace for them.
	const ours = processes.filter(process => isRealNodeProcess(process.component));
	for (const {pid} of ours) {
		if (await isClusterProcessAlive(pid, paths.kwokDir)) {
			process.kill(pid, 'SIGKILL');
		}
	}

	if (processes.length > 0 || await kwokctlKnows(paths.kwokDir)) {
		await deleteWithKwokctl(binaries, name, paths);
	}

	await ensureGone(processes, paths.kwokDir, 10_000);
	await rm(egressProxySocket(paths.kwokDir), {force: true});
	await rm(paths.kwokDir, {recursive: true, force: true});
	await rm(paths.ownDir, {recursive: true, force: true});
}

type Kubectl = (args: readonly string[], options?: KubectlOptions) => Promise<RunResult>;

function kubectlFor(binaries: Binaries, adminKubeconfig: string): Kubectl {
	return (args, options = {}) => run(binaries.kubectl, ['--kubeconfig', options.kubeconfig ?? adminKubeconfig, ...args], {input: options.input});
}

/** kwokctl still has a folder (and config) for the cluster. */
async function kwokctlKnows(kwokDir: string): Promise<boolean> {
	return readFile(`${kwokDir}/kwok.yaml`).then(() => true, () => false);
}

async function reusable(paths: ClusterPaths, fingerprint: string, kubectl: Kubectl): Promise<boolean> {
	const recorded = await readFile(paths.spec, 'utf8').catch(() => undefined);
	if (recorded !== fingerprint) {
		return false;
	}

	const processes = await readClusterProcesses(paths.pidsDir);
	const alive = await Promise.all(processes.map(async process => isClusterProcessAlive(process.pid, paths.kwokDir)));
	if (processes.length === 0 || alive.includes(false)) {
		return false;
	}

	// The API server may still be starting (just after startApiserver).
	return waitFor(async () => ((await kubectl(['get', '--raw', '/readyz'])).code === 0 ? true : undefined), {
		what: 'kube-apiserver /readyz',
		timeoutMs: 20_000,
	}).catch(() => false);
}

async function prepareFiles(binaries: Binaries, paths: ClusterPaths, timing: PodTiming, auditPolicy?: string, egressSocket?: string): Promise<void> {
	await mkdir(paths.ownDir, {recursive: true});
	if (auditPolicy !== undefined) {
		await writeFile(paths.auditPolicy, auditPolicy);
	}

	if (egressSocket !== undefined) {
		await writeFile(paths.egressSelector, egressSelectorConfig(egressSocket));
	}

	const ports = {healthy: await freePort(), failing: await freePort()} satisfies KwokPorts;
	const now = new Date();
	await writeFile(paths.healthyLog, criLog(healthyLog, now, 'stdout'));
	await writeFile(paths.failingLog, criLog(failingInjectLog, now));
	await symlink(binaries.kwok, paths.failingKwokBinary);
	await writeFile(paths.kwokctlConfig, kwokctlConfig(binaries, paths, ports, timing, {
		...(auditPolicy !== undefined && {auditPolicyFile: paths.auditPolicy}),
		...(egressSocket !== undefined && {egressSelectorFile: paths.egressSelector}),
	}));
	await writeFile(paths.failingKwokConfig, failingKwokConfig(paths, ports, timing));
	await writeFile(paths.ports, JSON.stringify(ports));
}

/** `kubectl create` of many objects, a few processes at a time. */
async function createAll(kubectl: Kubectl, objects: readonly unknown[]): Promise<void> {
	const chunks: unknown[][] = [];
	for (let i = 0; i < objects.length; i += createChunk) {
		chunks.push(objects.slice(i, i + createChunk));
	}

	let next = 0;
	const worker = async () => {
		while (next < chunks.length) {
			const items = chunks[next++];
			const result = await kubectl(['create', '-f', '-', '-o', 'name'], {input: JSON.stringify({apiVersion: 'v1', kind: 'List', items})});
			if (result.code !== 0) {
				throw new Error(`kubectl create failed: ${result.stderr.trim().slice(-2000)}`);
			}
		}
	};

	await Promise.all(Array.from({length: Math.min(createParallelism, chunks.length)}, worker));
}

/** name -> value of one jsonpath field, for every object of a list. */
async function fieldByName(kubectl: Kubectl, args: readonly string[], field: string): Promise<Map<string, string>> {
	const result = await kubectl([...args, '-o', `jsonpath={range .items[*]}{.metadata.name}{"\\t"}${field}{"\\n"}{end}`]);
	if (result.code !== 0) {
		throw new Error(result.stderr.trim());
	}

	return new Map(result.stdout.split('\n').filter(Boolean).map(line => line.split('\t') as [string, string]));
}

async function waitForNodes(kubectl: Kubectl, nodes: readonly PlannedNode[], timeoutMs: number): Promise<void> {
	let ready = 0;
	await waitFor(async () => {
		const status = await fieldByName(kubectl, ['get', 'nodes'], '{.status.conditions[?(@.type=="Ready")].status}');
		ready = nodes.filter(node => status.get(node.name) === 'True').length;
		return ready === nodes.length ? true : undefined;
	}, {what: 'nodes to be Ready', timeoutMs, pollMs: 500}, () => `${ready}/${nodes.length} Ready`);
}

async function createWorkloads(kubectl: Kubectl, nodes: readonly PlannedNode[], workloads: readonly WorkloadPod[], timeoutMs: number): Promise<void> {
	const created = await kubectl(['create', 'namespace', workloadNamespace]);
	if (created.code !== 0 && !created.stderr.includes('AlreadyExists')) {
		throw new Error(created.stderr.trim());
	}

	// Admission refuses pods until the namespace's default ServiceAccount exists.
	await waitFor(async () => ((await kubectl(['get', 'serviceaccount', 'default', '-n', workloadNamespace])).code === 0 ? true : undefined), {
		what: `the default ServiceAccount in ${workloadNamespace}`,
		timeoutMs: 60_000,
	});
	const osByNode = new Map(nodes.map(node => [node.name, node.os]));
	await createAll(kubectl, workloads.map(pod => workloadPodManifest(pod, osByNode.get(pod.node) ?? 'linux')));

	let settled = 0;
	await waitFor(async () => {
		const phases = await fieldByName(kubectl, ['get', 'pods', '-n', workloadNamespace, '-l', testLabels.workload], '{.status.phase}{"/"}{.status.containerStatuses[0].state.waiting.reason}');
		settled = workloads.filter(pod => phases.get(pod.name) === (pod.stuck ? 'Pending/ContainerCreating' : 'Running/')).length;
		return settled === workloads.length ? true : undefined;
	}, {what: 'workload pods to start', timeoutMs, pollMs: 500}, () => `${settled}/${workloads.length} settled`);
}

type HandleParts = {
	name: string;
	binaries: Binaries;
	paths: ClusterPaths;
	nodes: readonly PlannedNode[];
	workloads: readonly WorkloadPod[];
	timings: ClusterTimings;
	audited: boolean;
	real?: RealNodes;
	release(): void;
};

function handle(parts: HandleParts): TestCluster {
	const {name, binaries, paths} = parts;
	const kubectl = kubectlFor(binaries, paths.adminKubeconfig);
	let restricted: Promise<string> | undefined;
	let stopped: Promise<void> | undefined;

	const readyz = async () => ((await kubectl(['get', '--raw', '/readyz'])).code === 0 ? true : undefined);

	return {
		name,
		kubeconfig: paths.adminKubeconfig,
		binDir: binaries.dir,
		binaries,
		nodes: parts.nodes,
		workloadPods: parts.workloads,
		timings: parts.timings,
		...(parts.audited && {auditLog: paths.auditLog}),
		...(parts.real && {real: parts.real}),
		kubectl,
		restrictedKubeconfig() {
			restricted ??= createRestrictedKubeconfig(kubectl, name, paths);
			return restricted;
		},
		setNodeFailing(node, failing) {
			return handOver(kubectl, binaries, name, paths, node, failing);
		},
		async stopApiserver() {
			const apiserver = (await readClusterProcesses(paths.pidsDir)).find(process => process.component === 'kube-apiserver');
			if (!apiserver) {
				throw new Error(`no kube-apiserver pid file in ${paths.pidsDir}`);
			}

			// A graceful stop waits up to a minute for open watches to end;
			// what the plugin must survive is the connection going away.
			process.kill(apiserver.pid, 'SIGTERM');
			await ensureGone([apiserver], paths.kwokDir, 3000);
		},
		async startApiserver() {
			// kwokctl skips a component whose pid still exists, and a killed
			// process lingers as a zombie until init reaps it.
			const apiserver = (await readClusterProcesses(paths.pidsDir)).find(process => process.component === 'kube-apiserver');
			if (apiserver && !(await isClusterProcessAlive(apiserver.pid, paths.kwokDir))) {
				await rm(join(paths.pidsDir, 'kube-apiserver.pid'), {force: true});
			}

			await startWithKwokctl(binaries, name);
			await waitFor(readyz, {what: 'kube-apiserver /readyz after restart', timeoutMs: 60_000});
		},
		stop() {
			stopped ??= deleteCluster(name, binaries).then(() => parts.release());
			return stopped;
		},
	};
}

async function createRestrictedKubeconfig(kubectl: Kubectl, clusterName: string, paths: ClusterPaths): Promise<string> {
	const applied = await kubectl(['apply', '-f', '-'], {input: restrictedUserManifests()});
	if (applied.code !== 0) {
		throw new Error(`creating the restricted user: ${applied.stderr.trim()}`);
	}

	const token = await kubectl(['create', 'token', restrictedUser.serviceAccount, '-n', restrictedUser.namespace, '--duration=720h']);
	if (token.code !== 0) {
		throw new Error(`requesting a token for the restricted user: ${token.stderr.trim()}`);
	}

	const admin = parse(await readFile(paths.adminKubeconfig, 'utf8')) as {clusters: Array<{cluster: {server: string; 'certificate-authority': string}}>};
	const cluster = admin.clusters[0]?.cluster;
	if (!cluster) {
		throw new Error(`no cluster in ${paths.adminKubeconfig}`);
	}

	await writeFile(paths.restrictedKubeconfig, tokenKubeconfig({
		clusterName: `kwok-${clusterName}`,
		server: cluster.server,
		caFile: cluster['certificate-authority'],
		token: token.stdout.trim(),
	}), {mode: 0o600});
	return paths.restrictedKubeconfig;
}

const kwokComponents = new Set(['kwok-controller', 'kwok-failing']);

async function handOver(kubectl: Kubectl, binaries: Binaries, name: string, paths: ClusterPaths, node: string, failing: boolean): Promise<void> {
	const ports = JSON.parse(await readFile(paths.ports, 'utf8')) as KwokPorts;
	const kwoks = (await readClusterProcesses(paths.pidsDir)).filter(process => kwokComponents.has(process.component));
	for (const {pid} of kwoks) {
		process.kill(pid, 'SIGTERM');
	}

	await ensureGone(kwoks, paths.kwokDir, 5000);
	for (const {component} of kwoks) {
		await rm(join(paths.pidsDir, `${component}.pid`), {force: true});
	}

	const labelled = await kubectl(['label', 'node', node, `${testLabels.failing}=${failing}`, '--overwrite']);
	if (labelled.code !== 0) {
		throw new Error(labelled.stderr.trim());
	}

	// Leases held by the stopped controllers would lock their successors
	// (new identities) out of every node until they expire.
	const deleted = await kubectl(['delete', 'leases', '--all', '-n', 'kube-node-lease']);
	if (deleted.code !== 0) {
		throw new Error(deleted.stderr.trim());
	}

	await startWithKwokctl(binaries, name);
	const port = String(failing ? ports.failing : ports.healthy);
	await waitFor(async () => {
		const result = await kubectl(['get', 'node', node, '-o', 'jsonpath={.status.daemonEndpoints.kubeletEndpoint.Port}']);
		return result.stdout.trim() === port ? true : undefined;
	}, {what: `${node} to be taken over by the ${failing ? 'failing' : 'healthy'} fake kubelet`, timeoutMs: 60_000});
	const nodeCount = (await kubectl(['get', 'nodes', '-o', 'name'])).stdout.trim().split('\n').length;
	await waitFor(async () => {
		const leases = await kubectl(['get', 'leases', '-n', 'kube-node-lease', '-o', 'name']);
		return leases.stdout.trim().split('\n').filter(Boolean).length === nodeCount ? true : undefined;
	}, {what: 'every node lease to be taken again', timeoutMs: 60_000});

	// A restarted kwok looks at the pods of a node once, as it takes the node
	// over, and skips them if its lease cache is not there yet: touching the
	// pods that may still need it makes it look again.
	const touch = [testLabels.handedOver, String(Date.now())].join('=');
	for (const selector of [`spec.nodeName=${node}`, 'status.phase=Pending']) {
		const touched = await kubectl(['annotate', 'pods', '--all-namespaces', '--field-selector', selector, touch, '--overwrite']);
		if (touched.code !== 0) {
			throw new Error(touched.stderr.trim());
		}
	}
}
