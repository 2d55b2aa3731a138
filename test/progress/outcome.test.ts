import {expect, test} from 'vitest';
import {exitCodeForOutcome} from '../../source/progress/outcome.ts';

test('outcomes map to the documented exit codes', () => {
	expect(exitCodeForOutcome('done')).toBe(0);
	expect(exitCodeForOutcome('nothing-to-do')).toBe(0);
	expect(exitCodeForOutcome('failed')).toBe(1);
	expect(exitCodeForOutcome('interrupted')).toBe(130);
});
