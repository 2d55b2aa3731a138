import {stringify} from 'yaml';
import type {NodeInfo} from '../../inventory/types.ts';
import {escapeRawControls} from '../printable.ts';
import {alignRows, columnWidths, statusRecords, tableCells, tableHeader, wideCells, wideHeader} from './format-status.ts';

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
export function statusWatchFormatter(format: 'table' | 'wide' | 'json' | 'yaml'): (rows: WatchedRows) => string {
	const tabular = format === 'table' || format === 'wide';
	const [header, cells] = format === 'wide' ? [wideHeader, wideCells] : [tableHeader, tableCells];
	let widths: number[] | undefined;
	// What each node's row last said: a change the output does not show (a label, the pod count) prints nothing.
	const said = new Map<string, string>();
	const differs = (node: NodeInfo) => {
		const text = tabular ? cells(node).join('\t') : JSON.stringify(statusRecords([node])[0]);
		if (said.get(node.name) === text) {
			return false;
		}

		said.set(node.name, text);
		return true;
	};

	return rows => {
		const changed = rows.changed.filter(node => differs(node));
		const removed = rows.removed.filter(node => said.delete(node.name));
		if (tabular) {
			const rows = [...changed.map(node => cells(node)), ...removed.map(node => cells(node, deletedState))];
			if (widths === undefined) {
				widths = columnWidths(rows, header);
				return alignRows([[...header], ...rows], widths);
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
