import {quoteForDisplay} from './characters.ts';
import {noProxyEntryProblem} from './no-proxy.ts';

/** A NO_PROXY default read from the cluster, with where it came from. */
export type ClusterEntry = {
	/** `node-a`, or empty for a cluster-wide object. */
	readonly node: string;
	/** `InternalIP`, `pod CIDR`, `service CIDR`. */
	readonly field: string;
	readonly value: string;
};

export type DroppedEntry = ClusterEntry & {readonly problem: string};

/**
 * Whoever can write a node's status decides its addresses and CIDRs: a node
 * reporting `*` as its InternalIP put `*` (no proxy for anything) into every
 * node's NO_PROXY. Each value passes the check a user's --no-proxy entry
 * does; a bad one is left out and reported, and the run goes on.
 */
export function checkClusterEntries(entries: readonly ClusterEntry[]): {accepted: string[]; dropped: DroppedEntry[]} {
	const accepted: string[] = [];
	const dropped: DroppedEntry[] = [];
	for (const entry of entries) {
		const problem = noProxyEntryProblem(entry.value);
		if (problem === undefined) {
			accepted.push(entry.value);
		} else {
			dropped.push({...entry, problem});
		}
	}

	return {accepted, dropped};
}

/** `node evil: InternalIP "*" left out of NO_PROXY ('*' alone would ...)`, safe to print. */
export function describeDroppedEntry(entry: DroppedEntry): string {
	const owner = entry.node === '' ? '' : `node ${quoteForDisplay(entry.node, 64).slice(1, -1)}: `;
	return `${owner}${entry.field} ${quoteForDisplay(entry.value, 80)} left out of NO_PROXY (${entry.problem})`;
}
