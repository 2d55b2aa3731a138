import type {V1DaemonSet} from '@kubernetes/client-node';
import {wokenOrAborted} from '../abortable-delay.ts';
import {activePods, type KubeClient} from '../cluster/kube-client.ts';
import {watchObjects} from '../cluster/watch-objects.ts';
import {applyLiveChange, createLiveInventory, isComplete, type LiveChange, liveRow} from '../inventory/live-inventory.ts';
import {nodeObject, type NodeObject, podObject, type PodObject} from '../inventory/objects.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {labelKeys, names} from '../manifests/names.ts';
import {componentSelector} from './read-inventory.ts';

/** What a watch of the inventory reports each time something changed. */
export type InventoryUpdate = {
	/** Every node, in name order. */
	readonly nodes: readonly NodeInfo[];
	/** The rows that differ from the previous update (every row in the first), in name order. */
	readonly changed: readonly NodeInfo[];
	/** Nodes deleted since the previous update, with their last row. */
	readonly removed: readonly NodeInfo[];
};

/** Watched objects come whole: keep only what a row reads, as lists do. */
function slim(change: LiveChange): LiveChange {
	if (change.change.type === 'reset' || (change.source !== 'nodes' && change.source !== 'ours')) {
		return change;
	}

	const object = change.source === 'nodes' ? nodeObject(change.change.object) : podObject(change.change.object);
	return {source: change.source, change: {...change.change, object}} as LiveChange;
}

const byName = (a: NodeInfo, b: NodeInfo) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The node table, kept current by watches (nodes, every active pod, our
 * pods, our DaemonSet) instead of polling: a first update once each is
 * listed, then one per burst of changes that alters a row. Changes that
 * arrive together become one update. Ends when `signal` aborts; throws when
 * a watch fails for good.
 */
export async function* watchInventory(client: KubeClient, namespace: string, wantedHash: string | undefined, signal: AbortSignal): AsyncGenerator<InventoryUpdate> {
	const lifetime = new AbortController();
	const stop = () => lifetime.abort();
	signal.addEventListener('abort', stop, {once: true});
	const queue: LiveChange[] = [];
	let failure: {error: unknown} | undefined;
	let wake: (() => void) | undefined;
	const follow = async (changes: AsyncIterable<LiveChange['change']>, source: LiveChange['source']) => {
		try {
			for await (const change of changes) {
				queue.push({source, change} as LiveChange);
				wake?.();
			}
		} catch (error) {
			failure ??= {error};
			wake?.();
		}
	};

	const {signal: watching} = lifetime;
	const followers = [
		follow(watchObjects<NodeObject>(client, {what: 'nodes', path: '/api/v1/nodes', list: async () => {
			const {nodes, resourceVersion} = await client.listNodesForWatch();
			return {items: nodes, resourceVersion};
		}}, watching), 'nodes'),
		follow(watchObjects<PodObject>(client, {what: 'pods', path: '/api/v1/pods', query: {fieldSelector: activePods}, list: async () => {
			const items: PodObject[] = [];
			const resourceVersion = await client.forEachActivePodPage(page => items.push(...page));
			return {items, resourceVersion};
		}}, watching), 'pods'),
		follow(watchObjects<PodObject>(client, {what: `pods in namespace ${namespace}`, path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, query: {labelSelector: componentSelector('injector')}, list: async () => {
			const {pods, resourceVersion} = await client.listPods(namespace, componentSelector('injector'));
			return {items: pods, resourceVersion};
		}}, watching), 'ours'),
		follow(watchObjects<V1DaemonSet>(client, {what: `daemonsets in namespace ${namespace}`, path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/daemonsets`, query: {fieldSelector: `metadata.name=${names.injector}`}, list: async () => {
			const {daemonSets, resourceVersion} = await client.listDaemonSetNamed(namespace, names.injector);
			return {items: daemonSets, resourceVersion};
		}}, watching), 'daemonSet'),
	];

	const live = createLiveInventory(labelKeys.hold, wantedHash);
	const shown = new Map<string, {row: NodeInfo; key: string}>();
	let pending = new Set<string>();
	let first = true;
	try {
		while (!signal.aborted) {
			if (failure) {
				throw failure.error;
			}

			if (queue.length === 0) {
				await wokenOrAborted(watching, done => {
					wake = done;
				});
				wake = undefined;
				continue;
			}

			// Everything that arrived together is folded in before anything is shown.
			for (const change of queue.splice(0)) {
				for (const name of applyLiveChange(live, slim(change))) {
					pending.add(name);
				}
			}

			if (!isComplete(live)) {
				continue;
			}

			const changed: NodeInfo[] = [];
			const removed: NodeInfo[] = [];
			for (const name of first ? live.nodes.keys() : pending) {
				const row = liveRow(live, name);
				const before = shown.get(name);
				if (row === undefined) {
					if (before) {
						shown.delete(name);
						removed.push(before.row);
					}

					continue;
				}

				const key = JSON.stringify(row);
				if (before?.key !== key) {
					shown.set(name, {row, key});
					changed.push(row);
				}
			}

			pending = new Set();
			if (first || changed.length > 0 || removed.length > 0) {
				first = false;
				yield {nodes: [...shown.values()].map(entry => entry.row).sort(byName), changed: changed.sort(byName), removed: removed.sort(byName)};
			}
		}
	} finally {
		signal.removeEventListener('abort', stop);
		lifetime.abort();
		await Promise.all(followers);
	}
}
