import {stringify} from 'yaml';
import type {NodeInfo} from '../../inventory/types.ts';
import {escapeRawControls} from '../printable.ts';
import {alignRows, columnWidths, statusRecords, tableCells, tableHeader} from './format-status.ts';

/** What one step of `status --watch` prints: the rows that changed and the nodes that went away. */
export type WatchedRows = {
	readonly changed: readonly NodeInfo[];
	readonly removed: readonly NodeInfo[];
};

/** The state a deleted node shows in the table. */
export const deletedState = 'deleted';

/**
 * Prints `status --watch` the way `kubectl get -w` does: the table first,
 * then each row again whenever it changes, aligned to the first table's
 * columns (a longer cell widens its own row only, as in kubectl). json is
 * one record per line (JSON Lines), yaml one document per record; a deleted
 * node is its last record with `deleted: true`.
 */
export function statusWatchFormatter(format: 'table' | 'json' | 'yaml'): (rows: WatchedRows) => string {
	let widths: number[] | undefined;
	return ({changed, removed}) => {
		if (format === 'table') {
			const rows = [...changed.map(node => tableCells(node)), ...removed.map(node => tableCells(node, deletedState))];
			if (widths === undefined) {
				widths = columnWidths(rows);
				return alignRows([[...tableHeader], ...rows], widths);
			}

			return rows.length === 0 ? '' : alignRows(rows, widths);
		}

		const records = [...statusRecords(changed), ...statusRecords(removed).map(record => ({...record, deleted: true}))];
		const text = format === 'json'
			? records.map(record => `${JSON.stringify(record)}\n`).join('')
			: records.map(record => `---\n${stringify(record)}`).join('');
		return escapeRawControls(text);
	};
}
