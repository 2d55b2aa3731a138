import {stringify} from 'yaml';
import type {NodeInfo} from '../../inventory/types.ts';
import {escapeRawControls, printable} from '../printable.ts';

/**
 * The documented `status -o json` contract: an array of nodes. Fields may be
 * added; none is renamed or removed.
 */
export function statusRecords(nodes: readonly NodeInfo[]) {
	return nodes.map(node => ({
		name: node.name,
		ready: node.ready,
		os: node.os,
		arch: node.arch,
		runtime: node.runtime ?? null,
		runtimeVersion: node.runtimeVersion,
		podsDisrupted: node.podsDisrupted,
		podsTotal: node.podsTotal,
		state: node.state,
		reason: node.reason,
	}));
}

export const tableHeader = ['NAME', 'READY', 'OS/ARCH', 'RUNTIME', 'PODS-DISRUPTED', 'STATE', 'REASON'] as const;

/** One table row, every cell printable. `state` replaces the node's own (a watch shows a deleted node so). */
export function tableCells(node: NodeInfo, state: string = node.state): string[] {
	return [
		node.name,
		node.ready ? 'True' : 'False',
		`${node.os}/${node.arch}`,
		node.runtimeVersion || '<unknown>',
		String(node.podsDisrupted),
		state,
		node.reason,
	].map(cell => printable(cell));
}

/** The width of each column: its widest cell. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
	return tableHeader.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
}

/** Rows padded to `widths`, three spaces apart, the last column not padded. */
export function alignRows(rows: readonly (readonly string[])[], widths: readonly number[]): string {
	return rows.map(row => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('   ').trimEnd()).join('\n') + '\n';
}

export function formatStatus(nodes: readonly NodeInfo[], format: 'table' | 'json' | 'yaml'): string {
	if (format === 'json') {
		return escapeRawControls(`${JSON.stringify(statusRecords(nodes), undefined, 2)}\n`);
	}

	if (format === 'yaml') {
		return escapeRawControls(stringify(statusRecords(nodes)));
	}

	const rows = nodes.map(node => tableCells(node));
	return alignRows([[...tableHeader], ...rows], columnWidths(rows));
}
