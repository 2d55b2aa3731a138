import type {KubeClient} from '../cluster/kube-client.ts';
import {watchObjects} from '../cluster/watch-objects.ts';
import type {PodObject} from '../inventory/objects.ts';
import {pullOutcome} from '../inventory/pull-outcome.ts';
import {labelKeys, components} from '../manifests/names.ts';
import {buildVerifyPod} from '../manifests/verify-pod.ts';

export type VerifyOutcome =
	| {readonly type: 'pulled'}
	/** The kubelet's message (ErrImagePull: ... proxyconnect tcp ...), or that the time ran out. */
	| {readonly type: 'failed'; readonly message: string}
	/** The user stopped the rollout while the image was being pulled. */
	| {readonly type: 'stopped'};

const selector = `${labelKeys.component}=${components.verify}`;

/**
 * --verify-image on one node: a pod bound to the node pulls the image
 * (imagePullPolicy Always) and the kubelet's report of that pod decides,
 * followed by a watch. The pod is deleted however this ends.
 */
export async function verifyPull(client: KubeClient, namespace: string, node: string, image: string, timeoutMs: number, signal: AbortSignal): Promise<VerifyOutcome> {
	const pod = buildVerifyPod(namespace, node, image, Math.ceil(timeoutMs / 1000));
	const {name} = pod.metadata;
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
					return {type: 'failed', message: `the pod ${name} was deleted before the image arrived`};
				}

				const outcome = pullOutcome(object);
				if (outcome) {
					return outcome.pulled ? {type: 'pulled'} : {type: 'failed', message: outcome.message};
				}

				last = object.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? object.status?.phase ?? last;
			}
		}

		return signal.aborted ? {type: 'stopped'} : {type: 'failed', message: `the image was not pulled within ${Math.round(timeoutMs / 1000)}s (last seen: ${last})`};
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', onAbort);
		// Best effort: its activeDeadlineSeconds ends it anyway.
		await client.deletePod(namespace, name).catch(() => undefined);
	}
}
