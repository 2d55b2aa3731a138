import {expect} from 'vitest';
import type {UsageError} from '../../source/errors.ts';
import {usageErrorOf} from '../options/usage-error.ts';

export type Expected = {
	readonly flag: string;
	/** 1-based position named in the message; `null` when none is expected. */
	readonly position: number | null;
	/** Fragments the message must contain. */
	readonly message?: readonly string[];
	/** Fragments the hint must contain. */
	readonly hint?: readonly string[];
	/** Must appear nowhere in message or hint (e.g. a password). */
	readonly absent?: readonly string[];
};

export function expectUsageError(run: () => unknown, expected: Expected): UsageError {
	const error = usageErrorOf(run);
	expect(error.message.startsWith(`${expected.flag} "`)).toBe(true);
	if (expected.position === null) {
		expect(error.message).not.toMatch(/at position/);
	} else {
		expect(error.message).toContain(`(at position ${expected.position})`);
	}

	for (const fragment of expected.message ?? []) {
		expect(error.message).toContain(fragment);
	}

	expect(error.hint).toBeTruthy();
	for (const fragment of expected.hint ?? []) {
		expect(error.hint).toContain(fragment);
	}

	for (const fragment of expected.absent ?? []) {
		expect(error.message).not.toContain(fragment);
		expect(error.hint).not.toContain(fragment);
	}

	// No control or invisible formatting character may reach the terminal.
	expect(error.message).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
	expect(error.hint).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
	return error;
}
