import type {NodePhase, ProxyState} from '../inventory/types.ts';
import type {TerminalTraits} from './terminal.ts';

// Every symbol is shown next to a word, so a reader without color or
// without Unicode still knows each state.
export type Symbols = {
	readonly pointer: string;
	readonly checked: string;
	readonly unchecked: string;
	readonly unavailable: string;
	readonly separator: string;
	readonly ellipsis: string;
	readonly arrows: string;
	readonly barFull: string;
	readonly barEmpty: string;
	readonly spinner: readonly string[];
	readonly phase: Readonly<Record<NodePhase, string>>;
	readonly state: Readonly<Record<ProxyState, string>>;
};

const unicode: Symbols = {
	pointer: '❯',
	checked: '[x]',
	unchecked: '[ ]',
	unavailable: '[-]',
	separator: '·',
	ellipsis: '…',
	arrows: '↑↓',
	barFull: '█',
	barEmpty: '░',
	spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
	phase: {held: '‖', draining: '⇥', released: '›', pulling: '↓', running: '⠿', verifying: '⇣', done: '✓', failed: '✗', skipped: '⊘'},
	state: {configured: '✓', stale: '~', held: '‖', pending: '…', failed: '✗', unconfigured: '○', skipped: '⊘'},
};

const ascii: Symbols = {
	pointer: '>',
	checked: '[x]',
	unchecked: '[ ]',
	unavailable: '[-]',
	separator: '|',
	ellipsis: '...',
	arrows: 'up/down',
	barFull: '#',
	barEmpty: '-',
	spinner: ['|', '/', '-', '\\'],
	phase: {held: '=', draining: '<', released: '>', pulling: 'v', running: '*', verifying: '?', done: '+', failed: 'x', skipped: '/'},
	state: {configured: '+', stale: '~', held: '=', pending: '.', failed: 'x', unconfigured: 'o', skipped: '/'},
};

export function symbolsFor(traits: TerminalTraits): Symbols {
	return traits.unicode ? unicode : ascii;
}
