import {expect, test} from 'vitest';
import {detectTerminal} from '../../source/ui/terminal.ts';

test('a normal terminal gets color, Unicode and animation', () => {
	expect(detectTerminal({TERM: 'xterm-256color'})).toEqual({color: true, unicode: true, animate: true});
});

test('NO_COLOR with any value turns color off only; an empty NO_COLOR does not', () => {
	expect(detectTerminal({TERM: 'xterm', NO_COLOR: '1'})).toEqual({color: false, unicode: true, animate: true});
	expect(detectTerminal({TERM: 'xterm', NO_COLOR: ''})).toMatchObject({color: true});
});

test('TERM=dumb gets plain ASCII that does not move', () => {
	expect(detectTerminal({TERM: 'dumb'})).toEqual({color: false, unicode: false, animate: false});
});
