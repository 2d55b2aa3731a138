import type {Key} from 'ink';
import {editLine} from './line-edit.ts';

export type ConfirmationCheck = 'confirmed' | 'empty' | 'wrong';

/**
 * A disruptive rollout goes ahead only on the typed number of nodes it
 * restarts, or `yes`: a stray Enter or a stale number never confirms.
 */
export function checkConfirmation(typed: string, nodeCount: number): ConfirmationCheck {
	const answer = typed.trim().toLowerCase();
	if (answer === '') {
		return 'empty';
	}

	return answer === 'yes' || answer === String(nodeCount) ? 'confirmed' : 'wrong';
}

export type ConfirmationKey = Pick<Key, 'return' | 'backspace' | 'delete' | 'ctrl' | 'meta'>;

/**
 * The prompt's text after one input event, and whether Enter was pressed.
 * A terminal may deliver text and Enter in one chunk (a pasted `yes⏎`, or a
 * driver writing `6` and Enter together): Ink then reports the whole chunk
 * as text, so an Enter inside it submits what was typed up to it.
 */
export function typeConfirmation(typed: string, input: string, key: ConfirmationKey): {readonly typed: string; readonly submitted: boolean} {
	if (key.return) {
		return {typed, submitted: true};
	}

	const enter = input.search(/[\r\n]/);
	if (enter === -1 || key.ctrl || key.meta) {
		return {typed: editLine(typed, input, key), submitted: false};
	}

	return {typed: editLine(typed, input.slice(0, enter), key), submitted: true};
}
