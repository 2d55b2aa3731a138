// Real nodes joined to a test cluster: node VMs beside the kwok nodes, and
// the host services they use. The cluster harness calls startRealNodes once
// its control plane answers; tests reach the nodes through RealNodes.

import {readFile, writeFile} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {parse, stringify} from 'yaml';
import {freePort} from '../cluster/free-port.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {type HostServices, type ProxyLogLine, readHostServices, readProxyLog, startHostServices} from './host-services.ts';
import type {NodeImage} from './node-image.ts';
import {attachVm, guestPorts, hostAddressInGuest, kubeletPort, type NodeRuntime, type NodeVm, startVm, waitForAgent} from './node-vm.ts';

export type RealNodeShape = {readonly containerd?: number; readonly docker?: number};

export type RealNodes = {
	readonly nodes: readonly NodeVm[];
	readonly services: HostServices;
	/** Proxy URLs as a node reaches them. */
	readonly proxyUrl: string;
	readonly authProxyHostPort: string;
	/** The proxy that decrypts TLS with its own CA (services.interceptCa), as a node reaches it. */
	readonly interceptProxyUrl: string;
	node(name: string): NodeVm;
	proxyLog(): Promise<ProxyLogLine[]>;
};

export type RealNodeContext = {
	readonly image: NodeImage;
	readonly kubelet: string;
	readonly adminKubeconfig: string;
	/** Under the cluster's folder: the clean-up of the cluster removes it. */
	readonly dir: string;
	readonly pidsDir: string;
	/** Node name -> forwarded kubelet address lines go here (the API server's egress proxy reads it). */
	readonly egressMap: string;
	readonly log: (line: string) => void;
};

export function realNodeNames(shape: RealNodeShape): Array<{name: string; runtime: NodeRuntime}> {
	const names: Array<{name: string; runtime: NodeRuntime}> = [];
	for (const runtime of ['containerd', 'docker'] as const) {
		for (let i = 0; i < (shape[runtime] ?? 0); i++) {
			names.push({name: `real-${runtime}-${i}`, runtime});
		}
	}

	return names;
}

/** Pid files of the VMs and the node tool's services, among kwokctl's in the cluster's pid folder. */
export function isRealNodeProcess(component: string): boolean {
	return component.startsWith('real-node-') || component.startsWith('node-tool-');
}

export async function startRealNodes(shape: RealNodeShape, context: RealNodeContext): Promise<RealNodes> {
	const services = await startHostServices(context.image, join(context.dir, 'services'), context.pidsDir);
	const kubeconfig = await kubeletKubeconfig(context.adminKubeconfig);
	const apiserver = Number(new URL(kubeconfig.server).port);
	const egress: string[] = [];
	const nodes: NodeVm[] = [];
	for (const {name, runtime} of realNodeNames(shape)) {
		const kubelet = await freePort();
		egress.push(`${name}:${kubeletPort}=127.0.0.1:${kubelet}`);
		context.log(`booting real node ${name} (${runtime})`);
		nodes.push(await startVm({
			name,
			runtime,
			image: context.image,
			kubelet: context.kubelet,
			kubeconfig: kubeconfig.text,
			dir: join(context.dir, name),
			pidsDir: context.pidsDir,
			hostPorts: {apiserver, proxy: services.ports.proxy, authProxy: services.ports.authProxy, interceptProxy: services.ports.interceptProxy, kubelet},
		}));
	}

	await writeFile(context.egressMap, `${egress.join('\n')}\n`);
	await Promise.all(nodes.map(async node => waitForAgent(node, join(context.dir, node.name), 300_000)));
	return realNodes(nodes, services);
}

/** The real nodes of a cluster another process started. */
export async function attachRealNodes(shape: RealNodeShape, dir: string): Promise<RealNodes> {
	const nodes = realNodeNames(shape).map(({name, runtime}) => attachVm(name, runtime, join(dir, name)));
	return realNodes(nodes, await readHostServices(join(dir, 'services')));
}

function realNodes(nodes: readonly NodeVm[], services: HostServices): RealNodes {
	return {
		nodes,
		services,
		proxyUrl: `http://${hostAddressInGuest}:${guestPorts.proxy}`,
		authProxyHostPort: `${hostAddressInGuest}:${guestPorts.authProxy}`,
		interceptProxyUrl: `http://${hostAddressInGuest}:${guestPorts.interceptProxy}`,
		node(name) {
			const found = nodes.find(node => node.name === name);
			if (!found) {
				throw new Error(`no real node ${name}`);
			}

			return found;
		},
		proxyLog: async () => readProxyLog(services),
	};
}

/**
 * The admin kubeconfig with its files inlined and the server as the guest
 * reaches it; the serving certificate is for 127.0.0.1, hence tls-server-name.
 */
async function kubeletKubeconfig(adminKubeconfig: string): Promise<{text: string; server: string}> {
	type Config = {
		clusters: Array<{cluster: Record<string, string>}>;
		users: Array<{user: Record<string, string>}>;
	};
	const config = parse(await readFile(adminKubeconfig, 'utf8')) as Config;
	const base = dirname(adminKubeconfig);
	const inline = async (section: Record<string, string>, key: string) => {
		const path = section[key];
		if (path !== undefined) {
			section[`${key}-data`] = (await readFile(resolve(base, path))).toString('base64');
			delete section[key];
		}
	};

	const cluster = config.clusters[0]!.cluster;
	const server = cluster['server']!;
	await inline(cluster, 'certificate-authority');
	cluster['server'] = `https://${hostAddressInGuest}:${guestPorts.apiserver}`;
	cluster['tls-server-name'] = new URL(server).hostname;
	for (const {user} of config.users) {
		await inline(user, 'client-certificate');
		await inline(user, 'client-key');
	}

	return {text: stringify(config), server};
}

/** Waits until every real node is Ready in the API. */
export async function waitForRealNodesReady(nodes: readonly NodeVm[], kubectl: (args: readonly string[]) => Promise<{stdout: string; code: number}>, timeoutMs: number): Promise<void> {
	let ready: string[] = [];
	await waitFor(async () => {
		const result = await kubectl(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
		ready = result.stdout.split('\n').filter(line => line.endsWith('\tTrue')).map(line => line.split('\t')[0]!);
		return nodes.every(node => ready.includes(node.name)) ? true : undefined;
	}, {what: 'the real nodes to be Ready', timeoutMs, pollMs: 2000}, () => `Ready: ${nodes.filter(node => ready.includes(node.name)).map(node => node.name).join(', ') || 'none'}`);
}
