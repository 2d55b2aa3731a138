// Reads back what the plugin left in a test cluster, through kubectl.

import type {TestCluster} from '../cluster/cluster.ts';

const managed = 'app.kubernetes.io/managed-by=kubectl-proxyinject';

export async function json<T>(cluster: TestCluster, args: readonly string[]): Promise<T> {
	const result = await cluster.kubectl([...args, '-o', 'json']);
	if (result.code !== 0) {
		throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
	}

	return JSON.parse(result.stdout) as T;
}

type Item = {metadata: {name: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp?: string}; spec?: {nodeName?: string}};

/** Our objects (DaemonSets, ConfigMaps, Secrets, pods) in a namespace, as `kind/name`. */
export async function ourObjects(cluster: TestCluster, namespace = 'kube-system'): Promise<string[]> {
	const list = await json<{items: (Item & {kind: string})[]}>(cluster, ['get', 'daemonsets,configmaps,secrets,pods', '-n', namespace, '-l', managed]);
	return list.items.map(item => `${item.kind}/${item.metadata.name}`);
}

/** Node name -> our labels on it. */
export async function ourNodeLabels(cluster: TestCluster): Promise<Record<string, string[]>> {
	const list = await json<{items: Item[]}>(cluster, ['get', 'nodes']);
	const found: Record<string, string[]> = {};
	for (const node of list.items) {
		const keys = Object.keys(node.metadata.labels ?? {}).filter(key => key.startsWith('proxyinject.kubectl.dev/'));
		if (keys.length > 0) {
			found[node.metadata.name] = keys;
		}
	}

	return found;
}

/** Node name -> uid of the injector pod on it. */
export async function injectorPods(cluster: TestCluster, namespace = 'kube-system'): Promise<Record<string, string>> {
	const list = await json<{items: Item[]}>(cluster, ['get', 'pods', '-n', namespace, '-l', 'app.kubernetes.io/component=injector,app.kubernetes.io/name=proxyinject']);
	return Object.fromEntries(list.items.filter(pod => pod.spec?.nodeName).map(pod => [pod.spec!.nodeName!, pod.metadata.uid]));
}

export type StatusRecord = {name: string; os: string; arch: string; runtime: string | null; runtimeVersion: string; state: string; reason: string; podsDisrupted: number};
