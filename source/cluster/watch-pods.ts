import {podObject, type PodObject} from '../inventory/objects.ts';
import type {KubeClient} from './kube-client.ts';
import {watchObjects} from './watch-objects.ts';

export type PodChange =
	| {readonly type: 'reset'; readonly pods: readonly PodObject[]}
	| {readonly type: 'upsert'; readonly pod: PodObject}
	| {readonly type: 'delete'; readonly pod: PodObject};

/**
 * Pods matching a selector in one namespace, as a stream of changes (see
 * watchObjects: list, watch, reconnect, re-list on 410). Ends only when the
 * signal aborts. Watched pods are reduced to the fields the plugin reads, as
 * listed ones are: a rollout keeps one per node.
 */
export async function* watchPods(client: KubeClient, namespace: string, labelSelector: string, signal: AbortSignal): AsyncGenerator<PodChange> {
	const changes = watchObjects<PodObject>(client, {
		what: `pods in namespace ${namespace}`,
		async list() {
			const {pods, resourceVersion} = await client.listPods(namespace, labelSelector);
			return {items: pods, resourceVersion};
		},
		path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
		query: {labelSelector},
	}, signal);
	for await (const change of changes) {
		yield change.type === 'reset' ? {type: 'reset', pods: change.items} : change.type === 'upsert' ? {type: 'upsert', pod: podObject(change.object)} : {type: 'delete', pod: podObject(change.object)};
	}
}
