import {expect, test} from 'vitest';
import {editLine} from '../../../source/ui/state/line-edit.ts';

const plain = {backspace: false, delete: false, ctrl: false, meta: false};

test('typing and pasting append; control characters are dropped', () => {
	expect(editLine('po', 'ol', plain)).toBe('pool');
	expect(editLine('a', 'b\tc\u0007', plain)).toBe('abc');
});

test('backspace removes one character, Ctrl-U all, other chords nothing', () => {
	expect(editLine('gpu✓', '', {...plain, backspace: true})).toBe('gpu');
	expect(editLine('gpu', '', {...plain, delete: true})).toBe('gp');
	expect(editLine('gpu', 'u', {...plain, ctrl: true})).toBe('');
	expect(editLine('gpu', 'x', {...plain, meta: true})).toBe('gpu');
});
