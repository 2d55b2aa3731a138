// Every failure the user can act on is one of these; the entry point maps
// them to exit codes, so no other module decides how the process ends.

export const exitCodes = {
	done: 0,
	failed: 1,
	usage: 2,
	/** status --check found a node that drifted from the settings in force. */
	drift: 3,
	interrupted: 130,
} as const;

/** Bad flags or values: exit 2, nothing contacted or changed. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	readonly hint?: string;

	constructor(message: string, hint?: string) {
		super(message);
		this.hint = hint;
	}
}

/** The operation was attempted and did not succeed: exit 1. */
export class OperationError extends Error {
	override readonly name = 'OperationError';
	readonly hint?: string;

	constructor(message: string, hint?: string, options?: {cause?: unknown}) {
		super(message, options);
		this.hint = hint;
	}
}

/** The user stopped the operation (Ctrl-C, SIGTERM): exit 130. */
export class InterruptedError extends Error {
	override readonly name = 'InterruptedError';
}
