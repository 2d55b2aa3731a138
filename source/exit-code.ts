import {isDrift, type Drift} from './drift/decide-drift.ts';
import {exitCodes, InterruptedError, UsageError} from './errors.ts';

/** How a rollout ended, as the closing event says. */
export type Outcome = 'done' | 'nothing-to-do' | 'failed' | 'interrupted';

/**
 * The one mapping to exit codes: 0 done, 1 failed, 2 usage, 130
 * interrupted. The entry point, the plain view and the interactive view
 * all ask here.
 */
export function exitCodeForOutcome(outcome: Outcome): number {
	switch (outcome) {
		case 'done':
		case 'nothing-to-do': {
			return exitCodes.done;
		}

		case 'failed': {
			return exitCodes.failed;
		}

		case 'interrupted': {
			return exitCodes.interrupted;
		}
	}
}

export function exitCodeForError(error: unknown): number {
	if (error instanceof UsageError) {
		return exitCodes.usage;
	}

	if (error instanceof InterruptedError || (error instanceof Error && error.name === 'AbortError')) {
		return exitCodes.interrupted;
	}

	return exitCodes.failed;
}

/** status --check: 3 when a node drifted; else 1 when a node could not be checked; else 0. */
export function exitCodeForDrift(drifts: Iterable<Drift>): number {
	const all = [...drifts];
	if (all.some(drift => isDrift(drift))) {
		return exitCodes.drift;
	}

	return all.some(drift => drift.state === 'unknown') ? exitCodes.failed : exitCodes.done;
}
