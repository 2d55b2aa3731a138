import type {KubeClient} from '../cluster/kube-client.ts';
import {pullOutcome} from '../inventory/pull-outcome.ts';
import {buildVerifyPod} from '../manifests/verify-pod.ts';
import {runNodePod} from './run-node-pod.ts';

export type VerifyOutcome =
	| {readonly type: 'pulled'}
	/** The kubelet's message (ErrImagePull: ... proxyconnect tcp ...), or that the time ran out. */
	| {readonly type: 'failed'; readonly message: string}
	/** The user stopped the rollout while the image was being pulled. */
	| {readonly type: 'stopped'};

/**
 * --verify-image on one node: a pod bound to the node pulls the image
 * (imagePullPolicy Always) and the kubelet's report of that pod decides.
 */
export async function verifyPull(client: KubeClient, namespace: string, node: string, image: string, timeoutMs: number, signal: AbortSignal): Promise<VerifyOutcome> {
	const pod = buildVerifyPod(namespace, node, image, Math.ceil(timeoutMs / 1000));
	const end = await runNodePod(client, pod, timeoutMs, signal, pullOutcome);
	switch (end.type) {
		case 'decided': {
			return end.value.pulled ? {type: 'pulled'} : {type: 'failed', message: end.value.message};
		}

		case 'deleted': {
			return {type: 'failed', message: `the pod ${pod.metadata.name} was deleted before the image arrived`};
		}

		case 'timed-out': {
			return {type: 'failed', message: `the image was not pulled within ${Math.round(timeoutMs / 1000)}s (last seen: ${end.last})`};
		}

		case 'stopped': {
			return {type: 'stopped'};
		}
	}
}
