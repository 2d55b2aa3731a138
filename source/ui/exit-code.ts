import {exitCodes, InterruptedError, UsageError} from '../errors.ts';

export function exitCodeForError(error: unknown): number {
	if (error instanceof UsageError) {
		return exitCodes.usage;
	}

	if (error instanceof InterruptedError || (error instanceof Error && error.name === 'AbortError')) {
		return exitCodes.interrupted;
	}

	return exitCodes.failed;
}
