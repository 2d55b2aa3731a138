import {expect, test} from 'vitest';
import {InterruptedError, OperationError, UsageError} from '../source/errors.ts';
import type {Drift} from '../source/drift/decide-drift.ts';
import {exitCodeForDrift, exitCodeForError, exitCodeForOutcome} from '../source/exit-code.ts';

test('errors map to the documented exit codes', () => {
	expect(exitCodeForError(new UsageError('bad flag'))).toBe(2);
	expect(exitCodeForError(new InterruptedError('stop'))).toBe(130);
	expect(exitCodeForError(new DOMException('aborted', 'AbortError'))).toBe(130);
	expect(exitCodeForError(new OperationError('failed'))).toBe(1);
	expect(exitCodeForError('a string')).toBe(1);
});

test('rollout outcomes map to the documented exit codes', () => {
	expect(exitCodeForOutcome('done')).toBe(0);
	expect(exitCodeForOutcome('nothing-to-do')).toBe(0);
	expect(exitCodeForOutcome('failed')).toBe(1);
	expect(exitCodeForOutcome('interrupted')).toBe(130);
});

test('status --check: 3 on drift, 1 when a node could not be checked, else 0', () => {
	const drift = (state: Drift['state']): Drift => ({state, detail: ''});
	expect(exitCodeForDrift([drift('in-sync'), drift('not-installed'), drift('skipped')])).toBe(0);
	expect(exitCodeForDrift([drift('in-sync'), drift('unknown')])).toBe(1);
	for (const state of ['missing', 'edited', 'stale-runtime', 'overridden'] as const) {
		expect(exitCodeForDrift([drift('unknown'), drift(state)])).toBe(3);
	}
});
