import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {escapeRawControls, printable} from '../../source/view/printable.ts';

const clipboardWrite = '\u001B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007';
const clearScreen = '\u001B[2J';

describe('printable', () => {
	it('spells out ESC and BEL, so an OSC 52 clipboard write or a screen clear is shown, not obeyed', () => {
		expect(printable(`containerd://1.7${clipboardWrite}${clearScreen}`)).toBe('containerd://1.7\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07\\x1b[2J');
	});

	it('escapes every C0 control, DEL and every C1 control', () => {
		for (let code = 0; code < 0xA0; code++) {
			if (code >= 0x20 && code < 0x7F) {
				continue;
			}

			const shown = printable(`a${String.fromCodePoint(code)}b`);
			expect(shown).not.toMatch(/\p{Cc}/u);
			expect(shown.startsWith('a\\') && shown.endsWith('b')).toBe(true);
		}
	});

	it('names tab, line feed and carriage return the usual way: no forged lines', () => {
		expect(printable('ok\r\nnode-b   Ready\tx')).toBe('ok\\r\\nnode-b   Ready\\tx');
	});

	it('escapes the bidi controls that reorder text (a right-to-left override)', () => {
		expect(printable('abc\u202Etxt.exe\u2066')).toBe('abc\\u202etxt.exe\\u2066');
	});

	it('keeps ordinary text, unicode letters and symbols as they are', () => {
		const text = 'docker://20.10.7 node-ä 日本 ✓ \\x1b';
		expect(printable(text)).toBe(text);
	});
});

describe('escapeRawControls', () => {
	it('makes JSON with raw C1, DEL and bidi characters terminal-safe without changing its value', () => {
		const value = {v: `a\u009B2Jb\u007Fc\u202Ed${clipboardWrite}`};
		const text = escapeRawControls(JSON.stringify(value));
		expect(text).not.toMatch(/[\p{Cc}\u202A-\u202E]/u);
		expect(JSON.parse(text)).toEqual(value);
	});

	it('keeps YAML valid in double-quoted and plain scalars', () => {
		expect(parse(escapeRawControls('v: "a\u009Bb"\n'))).toEqual({v: 'a\u009Bb'});
		expect(parse(escapeRawControls('v: a\u009Bb\n'))).toEqual({v: 'a\\u009bb'});
	});
});
