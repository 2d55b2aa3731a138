import {UsageError} from '../errors.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {parseLabelSelector} from './label-selector.ts';
import type {Selection} from './types.ts';

/** Whether the selection names no node and no selector: every node. */
export function selectsEveryNode(selection: Selection): boolean {
	return selection.nodes.length === 0 && (selection.selector ?? '').trim() === '';
}

/** Checks what can be checked without the cluster: the selector's syntax. Throws UsageError (exit 2). */
export function checkSelection(selection: Selection): void {
	parseLabelSelector(selection.selector ?? '');
}

/**
 * The nodes a selection picks, in the order given: those named by --nodes
 * (all when none is named) that also match -l. `unknown` lists names
 * that are no node of the cluster.
 */
export function matchSelection(nodes: readonly NodeInfo[], selection: Selection): {readonly chosen: readonly NodeInfo[]; readonly unknown: readonly string[]} {
	const matches = parseLabelSelector(selection.selector ?? '');
	const named = new Set(selection.nodes);
	const known = new Set(nodes.map(node => node.name));
	return {
		chosen: nodes.filter(node => (named.size === 0 || named.has(node.name)) && matches(node.labels)),
		unknown: selection.nodes.filter(name => !known.has(name)),
	};
}

/**
 * The one node selection of apply, remove, status and the interactive
 * picker. A name that is no node, or a selection that picks nothing, is a
 * usage error (exit 2) naming what was given.
 */
export function selectNodes(nodes: readonly NodeInfo[], selection: Selection): readonly NodeInfo[] {
	if (selectsEveryNode(selection)) {
		return nodes;
	}

	const {chosen, unknown} = matchSelection(nodes, selection);
	if (unknown.length > 0) {
		throw new UsageError(`--nodes: no node named ${unknown.map(name => `"${name}"`).join(', ')}`, 'List the nodes with: kubectl get nodes');
	}

	if (chosen.length === 0) {
		const given = [selection.nodes.length > 0 ? `--nodes ${selection.nodes.join(',')}` : '', selection.selector ? `-l "${selection.selector}"` : ''].filter(Boolean).join(' and ');
		throw new UsageError(`no node matches ${given}`, 'List the nodes and their labels with: kubectl get nodes --show-labels');
	}

	return chosen;
}
