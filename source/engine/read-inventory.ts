import type {KubeClient} from '../cluster/kube-client.ts';
import {classifyNode, type Wanted} from '../inventory/classify-node.ts';
import type {NodeObject, PodObject} from '../inventory/objects.ts';
import {countPods, type PodCount} from '../inventory/pod-counts.ts';
import {podsByNode} from '../inventory/our-pod-per-node.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {selectorLabels} from '../manifests/labels.ts';
import {annotationKeys, labelKeys, names} from '../manifests/names.ts';

export type Component = 'injector' | 'remover';

export function componentSelector(component: Component): string {
	return Object.entries(selectorLabels(component)).map(([key, value]) => `${key}=${value}`).join(',');
}

export type Inventory = {
	readonly nodes: readonly NodeInfo[];
	/** Our pod on each node (the one that counts), by node name. */
	readonly pods: ReadonlyMap<string, PodObject>;
	/** The hash the installed DaemonSet carries, if one is installed. */
	readonly installedHash?: string;
	/** The nodes and pods it was computed from, for reuse while fresh. */
	readonly base: NodesAndPods;
};

/** The expensive part of a read: every node and every pod (counted). */
export type NodesAndPods = {
	readonly rawNodes: readonly NodeObject[];
	readonly counts: ReadonlyMap<string, PodCount>;
	/** When it was read (ms since the epoch). */
	readonly at: number;
	/** Our DaemonSet's hash and pods as read with them, when they were. */
	readonly ours?: OursRead;
};

type OursRead = {readonly component: Component; readonly installedHash?: string; readonly pods: readonly PodObject[]};

/** Where our pods run, and the images they run (script, pause): the plan names the nodes that do not list them. */
export type InventoryScope = {readonly namespace: string; readonly images: readonly string[]};

export async function readNodesAndPods(client: KubeClient, images: readonly string[]): Promise<NodesAndPods> {
	const counts = new Map<string, PodCount>();
	const [rawNodes] = await Promise.all([client.listNodes({keepImages: images}), client.forEachActivePodRows(rows => countPods(counts, rows))]);
	return {rawNodes, counts, at: Date.now()};
}

/**
 * Every node with its state relative to `component`. `wantedHash` is the
 * hash of the settings about to be applied; without one, the installed
 * DaemonSet's counts as current. `base` reuses nodes and pods read moments
 * ago, so that a command reads them once.
 */
export async function readInventory(client: KubeClient, {namespace, images}: InventoryScope, component: Component, wantedHash?: string, base?: NodesAndPods): Promise<Inventory> {
	const [{rawNodes, counts, at}, ours] = await Promise.all([
		base ?? readNodesAndPods(client, images),
		// Read with the reused nodes and pods: as fresh as they are.
		base?.ours?.component === component ? base.ours : readOurs(client, namespace, component),
	]);
	const {installedHash} = ours;
	const wanted: Wanted = {hash: wantedHash ?? installedHash, holdLabel: component === 'injector' ? labelKeys.hold : labelKeys.removeHold, images};
	const pods = podsByNode(ours.pods, wanted.hash);
	const nodes = rawNodes.map(node => classifyNode(node, counts.get(node.metadata?.name ?? ''), pods.get(node.metadata?.name ?? ''), wanted));
	nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return {nodes, pods, installedHash, base: {rawNodes, counts, at, ours}};
}

async function readOurs(client: KubeClient, namespace: string, component: Component): Promise<OursRead> {
	const [daemonSet, ours] = await Promise.all([client.readDaemonSet(namespace, names[component]), client.listPods(namespace, componentSelector(component))]);
	return {component, installedHash: daemonSet?.spec?.template.metadata?.annotations?.[annotationKeys.settingsHash], pods: ours.pods};
}
