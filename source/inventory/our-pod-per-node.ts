import type {V1Pod} from '@kubernetes/client-node';
import {podSettingsHash} from './pod-progress.ts';

/** Our pod on each node; of several (one terminating), the one carrying `hash`. */
export function podsByNode(pods: Iterable<V1Pod>, hash?: string): Map<string, V1Pod> {
	const byNode = new Map<string, V1Pod>();
	for (const pod of pods) {
		const node = pod.spec?.nodeName;
		if (!node || pod.metadata?.deletionTimestamp) {
			continue;
		}

		const current = byNode.get(node);
		if (!current || (hash !== undefined && podSettingsHash(pod) === hash)) {
			byNode.set(node, pod);
		}
	}

	return byNode;
}
