import {describe, expect, it} from 'vitest';
import {describeCharacter, findForbiddenCharacter, percentEncode, quoteForDisplay} from '../../source/settings/characters.ts';

describe('findForbiddenCharacter', () => {
	it('finds the first forbidden character and its 1-based code point position', () => {
		expect(findForbiddenCharacter('abc;d|')).toEqual({char: ';', position: 4});
		expect(findForbiddenCharacter('\u{1F600}x')).toEqual({char: '\u{1F600}', position: 1});
		expect(findForbiddenCharacter('plain-value_1.2:3/4@5%6')).toBeUndefined();
	});

	it('allows a space only when asked to', () => {
		expect(findForbiddenCharacter('a b')).toEqual({char: ' ', position: 2});
		expect(findForbiddenCharacter('a b', {allowSpace: true})).toBeUndefined();
		expect(findForbiddenCharacter('a\tb', {allowSpace: true})).toEqual({char: '\t', position: 2});
	});

	it('refuses every control character, DEL and everything above ASCII', () => {
		for (let code = 0; code < 0x20; code++) {
			expect(findForbiddenCharacter(String.fromCodePoint(code))).toBeDefined();
		}

		for (const code of [0x7f, 0x80, 0xa0, 0x200b, 0x202e, 0xfeff, 0x1f600]) {
			expect(findForbiddenCharacter(String.fromCodePoint(code))).toBeDefined();
		}
	});
});

describe('describeCharacter', () => {
	it.each([
		[';', '\';\''],
		['"', 'a double quote (")'],
		['\n', 'a line feed (U+000A)'],
		['\u0001', 'a control character (U+0001)'],
		['\u0085', 'a control character (U+0085)'],
		['\u202E', 'a right-to-left override (bidi control) (U+202E)'],
		['\u0430', '\'\u0430\' (U+0430, not ASCII)'],
		['\u2028', 'an invisible character (U+2028)'],
		['\u{E0041}', 'an invisible character (U+E0041)'],
	])('%j -> %s', (char, description) => {
		expect(describeCharacter(char)).toBe(description);
	});
});

describe('quoteForDisplay', () => {
	it('spells out everything outside printable ASCII', () => {
		expect(quoteForDisplay('a\nb\u202Ec\u{1F600}')).toBe('"a<U+000A>b<U+202E>c<U+1F600>"');
	});

	it('truncates long values', () => {
		expect(quoteForDisplay('x'.repeat(300), 10)).toBe(`"${'x'.repeat(10)}..."`);
	});
});

describe('percentEncode', () => {
	it('encodes the UTF-8 bytes', () => {
		expect(percentEncode(';')).toBe('%3B');
		expect(percentEncode('\u00E9')).toBe('%C3%A9');
		expect(percentEncode('\u{1F600}')).toBe('%F0%9F%98%80');
	});
});
