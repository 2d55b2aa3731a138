import {expect, test} from 'vitest';
import {InterruptedError, OperationError, UsageError} from '../source/errors.ts';
import {exitCodeForError, exitCodeForOutcome} from '../source/exit-code.ts';

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
