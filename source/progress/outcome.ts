import {exitCodes} from '../errors.ts';
import type {RolloutResult} from './state.ts';

export function exitCodeForOutcome(outcome: RolloutResult['outcome']): number {
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
