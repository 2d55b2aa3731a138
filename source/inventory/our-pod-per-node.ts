import type {PodObject} from './objects.ts';
import {podSettingsHash} from './pod-progress.ts';

/** Our pod on each node; of several (one terminating), the one carrying `hash`. */
export function podsByNode(pods: Iterable<PodObject>, hash?: string): Map<string, PodObject> {
	const byNode = new Map<string, PodObject>();
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
