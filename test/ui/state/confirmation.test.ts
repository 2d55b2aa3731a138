import {expect, test} from 'vitest';
import {checkConfirmation} from '../../../source/ui/state/confirmation.ts';

test('only the node count or yes confirms', () => {
	expect(checkConfirmation('3', 3)).toBe('confirmed');
	expect(checkConfirmation(' YES ', 3)).toBe('confirmed');
	expect(checkConfirmation('', 3)).toBe('empty');
	expect(checkConfirmation('   ', 3)).toBe('empty');
	expect(checkConfirmation('y', 3)).toBe('wrong');
	expect(checkConfirmation('2', 3)).toBe('wrong');
	expect(checkConfirmation('03', 3)).toBe('wrong');
});
