import type {NodeInfo} from '../../inventory/types.ts';
import {printable} from '../../view/printable.ts';

/** Widths of the node table's columns, gaps included. */
export type NodeColumns = {
	readonly marker: number;
	readonly name: number;
	readonly ready: number;
	readonly platform: number;
	readonly runtime: number;
	readonly pods: number;
	readonly state: number;
};

export const columnTitles = {name: 'NODE', ready: 'READY', platform: 'OS/ARCH', runtime: 'RUNTIME', pods: 'DISRUPTS', state: 'PROXY'} as const;

export function platformOf(node: NodeInfo): string {
	return printable(`${node.os || '?'}/${node.arch || '?'}`);
}

export function runtimeOf(node: NodeInfo): string {
	return node.runtimeVersion === '' ? 'unknown' : printable(node.runtimeVersion);
}

export function podsOf(node: NodeInfo): string {
	return `${node.podsDisrupted} pod${node.podsDisrupted === 1 ? '' : 's'}`;
}

/**
 * Sized from every node, not the visible ones, so columns hold still while
 * the list scrolls; the name column gives way on a narrow terminal.
 */
export function nodeColumns(nodes: readonly NodeInfo[], width: number, marker: number): NodeColumns {
	const widest = (cell: (node: NodeInfo) => string, title: string, cap: number) => Math.min(cap, nodes.reduce((max, node) => Math.max(max, cell(node).length), title.length)) + 2;
	const ready = 'NotReady'.length + 2;
	const platform = widest(platformOf, columnTitles.platform, 16);
	const runtime = widest(runtimeOf, columnTitles.runtime, 24);
	const pods = widest(podsOf, columnTitles.pods, 12);
	const state = 14;
	const room = width - marker - ready - platform - runtime - pods - state;
	const name = Math.max(8, Math.min(widest(node => printable(node.name), columnTitles.name, 64), room));
	return {marker, name, ready, platform, runtime, pods, state: Math.max(state, width - marker - name - ready - platform - runtime - pods)};
}
