import {UsageError} from '../errors.ts';
import {quoteForDisplay} from './characters.ts';

export type FlagProblem = {
	readonly flag: string;
	/** The value as the user gave it; credentials must already be masked. */
	readonly shownValue: string;
	readonly problem: string;
	/** 1-based position of the offending character, when there is one. */
	readonly position?: number;
	readonly hint: string;
};

/** One message shape for every bad flag value: flag, value, what, where. */
export function flagError({flag, shownValue, problem, position, hint}: FlagProblem): UsageError {
	const where = position === undefined ? '' : ` (at position ${position})`;
	return new UsageError(`${flag} ${quoteForDisplay(shownValue)}: ${problem}${where}.`, hint);
}
