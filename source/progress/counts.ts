import type {NodePhase} from '../inventory/types.ts';
import {noCounts, type ProgressCounts} from './state.ts';

type Bucket = Exclude<keyof ProgressCounts, 'total'>;

const buckets: Record<NodePhase, Bucket> = {
	held: 'held',
	draining: 'pending',
	released: 'pending',
	pulling: 'pending',
	running: 'pending',
	verifying: 'pending',
	done: 'done',
	failed: 'failed',
	skipped: 'skipped',
};

/** Phases in which a node is being worked on. */
export function isActivePhase(phase: NodePhase): boolean {
	return buckets[phase] === 'pending';
}

/** Counts after one node moved from `from` (undefined: a node not seen before) to `to`. */
export function moveCount(counts: ProgressCounts, from: NodePhase | undefined, to: NodePhase): ProgressCounts {
	if (from !== undefined && buckets[from] === buckets[to]) {
		return counts;
	}

	const next = {...counts, [buckets[to]]: counts[buckets[to]] + 1};
	if (from === undefined) {
		next.total += 1;
	} else {
		next[buckets[from]] -= 1;
	}

	return next;
}

export function countPhases(phases: Iterable<NodePhase>): ProgressCounts {
	let counts = noCounts;
	for (const phase of phases) {
		counts = moveCount(counts, undefined, phase);
	}

	return counts;
}
