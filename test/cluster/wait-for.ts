// Waiting on a condition with a deadline: the only way the harness waits.

import {setTimeout as delay} from 'node:timers/promises';

export type WaitOptions = {
	/** What we wait for, for the timeout message. */
	what: string;
	timeoutMs: number;
	/** Pause between checks; the check itself is the synchronisation. */
	pollMs?: number;
	signal?: AbortSignal;
};

/**
 * Calls `check` until it returns something other than undefined, and returns
 * that. The last value `describe` gave is in the timeout error, so a failure
 * says how far things got.
 */
export async function waitFor<T>(
	check: () => Promise<T | undefined>,
	options: WaitOptions,
	describe?: () => string,
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let lastError: unknown;
	for (;;) {
		options.signal?.throwIfAborted();
		try {
			const value = await check();
			if (value !== undefined) {
				return value;
			}
		} catch (error) {
			lastError = error;
		}

		if (Date.now() >= deadline) {
			const state = describe?.() ?? (lastError instanceof Error ? lastError.message : '');
			throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${state ? `: ${state}` : ''}`);
		}

		await delay(options.pollMs ?? 250, undefined, {signal: options.signal});
	}
}
