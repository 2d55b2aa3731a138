import {stringify} from 'yaml';
import type {NodeInfo} from '../../inventory/types.ts';
import {nodeReportText} from '../node-report-text.ts';
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
		nodeReport: node.report ?? null,
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

/** `-o wide`: what the node itself said its last run did, as the last column. */
export const wideHeader = [...tableHeader, 'NODE-REPORT'] as const;

export function wideCells(node: NodeInfo, state: string = node.state): string[] {
	return [...tableCells(node, state), node.report === undefined ? '<none>' : printable(nodeReportText(node.report))];
}

/** The width of each column: its widest cell. */
export function columnWidths(rows: readonly (readonly string[])[], header: readonly string[] = tableHeader): number[] {
	return header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
}

/** Rows padded to `widths`, three spaces apart, the last column not padded. */
export function alignRows(rows: readonly (readonly string[])[], widths: readonly number[]): string {
	return rows.map(row => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('   ').trimEnd()).join('\n') + '\n';
}

/** Records as `-o json` or `-o yaml` prints them, raw controls escaped. */
export function serialiseRecords(records: readonly object[], format: 'json' | 'yaml'): string {
	return escapeRawControls(format === 'json' ? `${JSON.stringify(records, undefined, 2)}\n` : stringify(records));
}

export function formatStatus(nodes: readonly NodeInfo[], format: 'table' | 'wide' | 'json' | 'yaml'): string {
	if (format === 'json' || format === 'yaml') {
		return serialiseRecords(statusRecords(nodes), format);
	}

	const [header, cells] = format === 'wide' ? [wideHeader, wideCells] : [tableHeader, tableCells];
	const rows = nodes.map(node => cells(node));
	return alignRows([[...header], ...rows], columnWidths(rows, header));
}
