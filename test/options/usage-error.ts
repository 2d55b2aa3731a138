import {expect} from 'vitest';
import {exitCodes, UsageError} from '../../source/errors.ts';

/** Runs `run`, expects a UsageError (exit class 2) and returns it for further checks. */
export function usageErrorOf(run: () => unknown): UsageError {
	let thrown: unknown;
	try {
		run();
	} catch (error) {
		thrown = error;
	}

	expect(thrown).toBeInstanceOf(UsageError);
	expect(exitCodes.usage).toBe(2);
	return thrown as UsageError;
}
