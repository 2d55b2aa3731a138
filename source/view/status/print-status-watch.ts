import type {InventoryUpdate} from '../../engine/watch-inventory.ts';
import {matchSelection, selectNodes} from '../../plan/select-nodes.ts';
import type {Selection} from '../../plan/types.ts';
import {statusWatchFormatter} from './format-status-watch.ts';

/**
 * `status --watch` without a terminal UI: the selected rows, then each one
 * again when it changes, until the updates end (the user stopped it).
 */
export async function printStatusWatch(updates: AsyncIterable<InventoryUpdate>, selection: Selection, format: 'table' | 'wide' | 'json' | 'yaml', write: (text: string) => void): Promise<void> {
	const print = statusWatchFormatter(format);
	let first = true;
	for await (const update of updates) {
		if (first) {
			// Checked against the cluster once, as status does: a name that is no node is an error (exit 2).
			first = false;
			write(print({changed: selectNodes(update.nodes, selection), removed: []}));
			continue;
		}

		// Later a node may join or leave the selection (its labels changed): only what it picks now is shown.
		write(print({changed: matchSelection(update.changed, selection).chosen, removed: matchSelection(update.removed, selection).chosen}));
	}
}
