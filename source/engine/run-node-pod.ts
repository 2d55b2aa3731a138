import type {KubeClient} from '../cluster/kube-client.ts';
import {watchObjects} from '../cluster/watch-objects.ts';
import type {PodObject} from '../inventory/objects.ts';
import {labelKeys} from '../manifests/names.ts';

/** How a short-lived node pod ended, as far as the plugin waited for it. */
export type NodePodEnd<T> =
	| {readonly type: 'decided'; readonly value: T}
	| {readonly type: 'deleted'}
	/** `last`: the container's waiting reason or the pod's phase when the time ran out. */
	| {readonly type: 'timed-out'; readonly last: string}
	| {readonly type: 'stopped'};

type NodePod = {readonly metadata: {readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>>}};

/**
 * Creates a pod of buildNodePod and follows it by watch until `decide` reads
 * an answer from its status, the time runs out or `signal` aborts. The pod
 * is deleted however this ends (its activeDeadlineSeconds covers a plugin
 * that dies first).
 */
export async function runNodePod<T>(client: KubeClient, pod: NodePod, timeoutMs: number, signal: AbortSignal, decide: (pod: PodObject) => T | undefined): Promise<NodePodEnd<T>> {
	const {name, namespace} = pod.metadata;
	const selector = `${labelKeys.component}=${pod.metadata.labels[labelKeys.component] ?? ''}`;
	const stop = new AbortController();
	const timer = setTimeout(() => stop.abort(), timeoutMs);
	const onAbort = () => stop.abort();
	signal.addEventListener('abort', onAbort, {once: true});
	let last = 'not started';
	try {
		await client.serverSideApply(pod);
		const changes = watchObjects<PodObject>(client, {
			what: `pod ${name}`,
			async list() {
				const {pods, resourceVersion} = await client.listPods(namespace, selector);
				return {items: pods, resourceVersion};
			},
			path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
			query: {labelSelector: selector},
		}, stop.signal);
		for await (const change of changes) {
			const seen = change.type === 'reset' ? change.items : [change.object];
			for (const object of seen) {
				if (object.metadata?.name !== name) {
					continue;
				}

				if (change.type === 'delete') {
					return {type: 'deleted'};
				}

				const value = decide(object);
				if (value !== undefined) {
					return {type: 'decided', value};
				}

				last = object.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? object.status?.phase ?? last;
			}
		}

		return signal.aborted ? {type: 'stopped'} : {type: 'timed-out', last};
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', onAbort);
		// Best effort: its activeDeadlineSeconds ends it anyway.
		await client.deletePod(namespace, name).catch(() => undefined);
	}
}
