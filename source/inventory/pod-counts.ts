import type {PodObject} from './objects.ts';

/** What the plan needs of a pod: the node it is bound to, and whether it is still starting. */
export type PodRow = {readonly node?: string; readonly starting: boolean};

export type PodCount = {total: number; starting: number};

/** Pods per node that a runtime restart would touch; fed page by page. */
export function countPods(counts: Map<string, PodCount>, pods: readonly PodRow[]): void {
	for (const {node, starting} of pods) {
		if (!node) {
			continue;
		}

		const count = counts.get(node) ?? {total: 0, starting: 0};
		count.total++;
		if (starting) {
			count.starting++;
		}

		counts.set(node, count);
	}
}

/** A pod whose containers are not all up yet: the kind a containerd restart can leave stuck. */
export function isStarting(pod: PodObject): boolean {
	if (pod.status?.phase === 'Pending') {
		return true;
	}

	const statuses = pod.status?.containerStatuses ?? [];
	return statuses.length === 0 || statuses.some(status => !status.state?.running && !status.state?.terminated);
}
