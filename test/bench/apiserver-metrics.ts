// Counters from kube-apiserver's /metrics that explain a slow run: watchers
// it closed because they did not keep up with an event burst (every
// informer of every controller, the tools' watches included).

import type {TestCluster} from '../cluster/cluster.ts';

/** `apiserver_terminated_watchers_total` by resource (Prometheus text format). */
export function terminatedWatchers(metrics: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const match of metrics.matchAll(/^apiserver_terminated_watchers_total\{([^}]*)\}\s+([\d.e+]+)$/gm)) {
		const resource = /resource="([^"]*)"/.exec(match[1]!)?.[1] ?? '';
		counts.set(resource, (counts.get(resource) ?? 0) + Number(match[2]));
	}

	return counts;
}

export async function readTerminatedWatchers(cluster: TestCluster): Promise<Map<string, number>> {
	const result = await cluster.kubectl(['get', '--raw', '/metrics']);
	if (result.code !== 0) {
		throw new Error(`reading /metrics: ${result.stderr.trim()}`);
	}

	return terminatedWatchers(result.stdout);
}

/** What was added between two readings, e.g. `pods 3, nodes 1`; empty when nothing was. */
export function watcherTerminations(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Record<string, number> {
	const added: Record<string, number> = {};
	for (const [resource, count] of after) {
		const delta = count - (before.get(resource) ?? 0);
		if (delta > 0) {
			added[resource] = delta;
		}
	}

	return added;
}
