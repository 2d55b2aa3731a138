import type {CheckProgress} from '../../engine/check-drift.ts';
import {printable} from '../printable.ts';

/**
 * Progress of status --check on stderr (stdout is the table or the JSON):
 * in a terminal one line that counts up, otherwise a line per node checked.
 */
export function checkProgressReporter(write: (text: string) => void, terminal: boolean) {
	return {
		started(total: number, parallel: number, timeoutMs: number) {
			write(`Checking ${total} node${total === 1 ? '' : 's'} for drift (a read-only pod on each, ${Math.min(parallel, total)} at a time, up to ${Math.round(timeoutMs / 1000)}s each)...\n`);
		},
		checked({node, drift, checked, total}: CheckProgress) {
			write(terminal ? `\r\u001B[K${checked}/${total} nodes checked` : printable(`${checked}/${total} checked: ${node}: ${drift.state}`) + '\n');
		},
		finished() {
			if (terminal) {
				write('\r\u001B[K');
			}
		},
	};
}
