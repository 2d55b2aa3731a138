import type {KubeClient} from '../cluster/kube-client.ts';
import {holdReasons} from '../manifests/names.ts';
import type {PodTracker} from './pod-tracker.ts';

/** Lifting and setting one hold label on the nodes of a rollout, and replacing a node's failed pod. */
export function nodeHolds(client: KubeClient, namespace: string, key: string, held: Set<string>, tracker: PodTracker) {
	return {
		/** Lifts the node's hold; false when it had none. */
		async lift(node: string): Promise<boolean> {
			if (!held.has(node)) {
				return false;
			}

			await client.patchNodeLabels(node, {[key]: null});
			held.delete(node);
			return true;
		},
		async holdAgain(node: string) {
			await client.patchNodeLabels(node, {[key]: holdReasons.failed});
			held.add(node);
		},
		async retry(node: string) {
			const pod = tracker.pod(node)?.metadata?.name;
			if (pod) {
				await client.deletePod(namespace, pod);
			}
		},
	};
}
