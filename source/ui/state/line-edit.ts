import type {Key} from 'ink';

/** A one-line text field's next value after a key; Enter and Esc are the caller's. */
export function editLine(value: string, input: string, key: Pick<Key, 'backspace' | 'delete' | 'ctrl' | 'meta'>): string {
	if (key.backspace || key.delete) {
		return [...value].slice(0, -1).join('');
	}

	if (key.ctrl && input === 'u') {
		return '';
	}

	if (key.ctrl || key.meta) {
		return value;
	}

	return value + input.replaceAll(/[\u0000-\u001F\u007F]/g, '');
}
