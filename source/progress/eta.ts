import {isActivePhase} from './counts.ts';
import type {ProgressState} from './state.ts';

/**
 * Milliseconds until the rollout should be over, learnt from how long
 * completed nodes took; undefined until one has completed. Time spent
 * waiting for the user between batches is not foreseeable and not counted.
 */
export function estimateEta(state: ProgressState, now: number): number | undefined {
	if (state.result !== undefined) {
		return 0;
	}

	if (state.durations.length === 0) {
		return undefined;
	}

	const average = state.durations.reduce((sum, duration) => sum + duration, 0) / state.durations.length;
	let inFlight = 0;
	let longestLeft = 0;
	for (const node of state.nodes.values()) {
		if (isActivePhase(node.phase)) {
			inFlight += 1;
			const elapsed = now - (node.startedAt ?? now);
			longestLeft = Math.max(longestLeft, average - elapsed);
		}
	}

	const concurrency = Math.max(1, state.parallel ?? 1, state.mode === 'all' ? inFlight : 0);
	const waves = Math.ceil(state.counts.held / concurrency);
	return Math.round(Math.max(0, longestLeft) + (waves * average));
}
