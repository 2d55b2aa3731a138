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

export function formatStatus(nodes: readonly NodeInfo[], format: 'table' | 'json' | 'yaml'): string {
	if (format === 'json') {
		return escapeRawControls(`${JSON.stringify(statusRecords(nodes), undefined, 2)}\n`);
	}

	if (format === 'yaml') {
		return escapeRawControls(stringify(statusRecords(nodes)));
	}

	const header = ['NAME', 'READY', 'OS/ARCH', 'RUNTIME', 'PODS-DISRUPTED', 'STATE', 'REASON'];
	const rows = nodes.map(node => [
		node.name,
		node.ready ? 'True' : 'False',
		`${node.os}/${node.arch}`,
		node.runtimeVersion || '<unknown>',
		String(node.podsDisrupted),
		node.state,
		node.reason,
	].map(cell => printable(cell)));
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	return [header, ...rows].map(row => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('   ').trimEnd()).join('\n') + '\n';
}
