import type {Key} from 'ink';
import type {CursorMove} from './selection.ts';

/**
 * Cursor keys of a list: arrows, Page Up/Down, Home/End, and the vi letters
 * j k g G unless the letters are being typed into a field.
 */
export function listMovement(input: string, key: Key, page: number, letters: boolean): CursorMove | undefined {
	if (key.upArrow || (letters && input === 'k')) {
		return {type: 'move', by: -1};
	}

	if (key.downArrow || (letters && input === 'j')) {
		return {type: 'move', by: 1};
	}

	if (key.pageUp) {
		return {type: 'move', by: -Math.max(1, page)};
	}

	if (key.pageDown) {
		return {type: 'move', by: Math.max(1, page)};
	}

	if (key.home || (letters && input === 'g')) {
		return {type: 'move-to', index: 0};
	}

	if (key.end || (letters && input === 'G')) {
		return {type: 'move-to', index: Number.MAX_SAFE_INTEGER};
	}

	return undefined;
}
