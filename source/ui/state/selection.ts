import type {NodeInfo} from '../../inventory/types.ts';
import {matchSelection} from '../../plan/select-nodes.ts';
import type {Selection} from '../../plan/types.ts';
import {parseNodeFilter} from './node-filter.ts';

/** The node picker's state; `cursor` indexes the filtered list. */
export type SelectionState = {
	readonly cursor: number;
	readonly checked: ReadonlySet<string>;
	readonly filter: string;
};

export type SelectionAction =
	| {readonly type: 'move'; readonly by: number}
	| {readonly type: 'move-to'; readonly index: number}
	| {readonly type: 'toggle'}
	| {readonly type: 'all'}
	| {readonly type: 'none'}
	| {readonly type: 'filter'; readonly text: string};

export type CursorMove = Extract<SelectionAction, {type: 'move' | 'move-to'}>;

/** Skipped nodes (non-Linux, unknown runtime) are shown but never targeted. */
export function isSelectable(node: NodeInfo): boolean {
	return node.state !== 'skipped';
}

export function filterNodes(nodes: readonly NodeInfo[], filter: string): readonly NodeInfo[] {
	if (filter.trim() === '') {
		return nodes;
	}

	const matches = parseNodeFilter(filter);
	return nodes.filter(node => matches(node));
}

/** What the picker starts with: the nodes named, those the selector picks, or every selectable node. */
export function initialSelection(nodes: readonly NodeInfo[], selection: Selection): SelectionState {
	// The command line's selection means here what it means everywhere (names unknown to the cluster were refused before).
	const picked = matchSelection(nodes, selection).chosen.filter(node => isSelectable(node));
	return {cursor: 0, checked: new Set(picked.map(node => node.name)), filter: ''};
}

/** `visible` is the list the cursor moves in: the nodes after the filter. */
export function updateSelection(state: SelectionState, action: SelectionAction, visible: readonly NodeInfo[]): SelectionState {
	switch (action.type) {
		case 'move':
		case 'move-to': {
			return {...state, cursor: moveCursor(state.cursor, action, visible.length)};
		}

		case 'toggle': {
			const node = visible[state.cursor];
			if (node === undefined || !isSelectable(node)) {
				return state;
			}

			const checked = new Set(state.checked);
			if (checked.has(node.name)) {
				checked.delete(node.name);
			} else {
				checked.add(node.name);
			}

			return {...state, checked};
		}

		case 'all': {
			const checked = new Set(state.checked);
			for (const node of visible) {
				if (isSelectable(node)) {
					checked.add(node.name);
				}
			}

			return {...state, checked};
		}

		case 'none': {
			const checked = new Set(state.checked);
			for (const node of visible) {
				checked.delete(node.name);
			}

			return {...state, checked};
		}

		case 'filter': {
			return {...state, filter: action.text, cursor: 0};
		}
	}
}

/** The selection to plan: empty (every node) when every selectable node is checked. */
export function toSelection(state: SelectionState, nodes: readonly NodeInfo[]): Selection {
	const selectable = nodes.filter(node => isSelectable(node));
	const picked = selectable.filter(node => state.checked.has(node.name)).map(node => node.name);
	return picked.length === selectable.length ? {nodes: []} : {nodes: picked};
}

export function moveCursor(cursor: number, action: CursorMove, length: number): number {
	const wanted = action.type === 'move' ? cursor + action.by : action.index;
	return Math.max(0, Math.min(wanted, length - 1));
}
