import {expect, test} from 'vitest';
import {checkConfirmation, typeConfirmation} from '../../../source/ui/state/confirmation.ts';

test('only the node count or yes confirms', () => {
	expect(checkConfirmation('3', 3)).toBe('confirmed');
	expect(checkConfirmation(' YES ', 3)).toBe('confirmed');
	expect(checkConfirmation('', 3)).toBe('empty');
	expect(checkConfirmation('   ', 3)).toBe('empty');
	expect(checkConfirmation('y', 3)).toBe('wrong');
	expect(checkConfirmation('2', 3)).toBe('wrong');
	expect(checkConfirmation('03', 3)).toBe('wrong');
});

const plain = {return: false, backspace: false, delete: false, ctrl: false, meta: false};

test('Enter submits what was typed, also when it comes in the same chunk as the text', () => {
	expect(typeConfirmation('ye', 's', plain)).toEqual({typed: 'yes', submitted: false});
	expect(typeConfirmation('yes', '', {...plain, return: true})).toEqual({typed: 'yes', submitted: true});
	expect(typeConfirmation('', 'yes\r', plain)).toEqual({typed: 'yes', submitted: true});
	expect(typeConfirmation('', '6\n', plain)).toEqual({typed: '6', submitted: true});
	// What follows the Enter is not typed into the next prompt.
	expect(typeConfirmation('', '3\rq', plain)).toEqual({typed: '3', submitted: true});
	expect(typeConfirmation('gpu', 'u', {...plain, ctrl: true})).toEqual({typed: '', submitted: false});
});
