import type {Drift} from '../../drift/decide-drift.ts';
import type {NodeInfo} from '../../inventory/types.ts';
import {printable} from '../printable.ts';
import {alignRows, columnWidths, serialiseRecords, statusRecords, tableCells, tableHeader, wideCells, wideHeader} from './format-status.ts';

const notChecked: Drift = {state: 'unknown', detail: 'not checked'};

/** After STATE: the columns of the plain and the wide table stay where they are, DRIFT is added. */
const driftColumn = tableHeader.indexOf('STATE') + 1;

function withDrift<T>(row: readonly T[], drift: T): T[] {
	return [...row.slice(0, driftColumn), drift, ...row.slice(driftColumn)];
}

/** The status table with a DRIFT column, then a line per node whose drift has a detail. */
function driftTable(nodes: readonly NodeInfo[], drifts: ReadonlyMap<string, Drift>, wide: boolean): string {
	const [header, cells] = wide ? [wideHeader, wideCells] : [tableHeader, tableCells];
	const rows = nodes.map(node => withDrift(cells(node), printable((drifts.get(node.name) ?? notChecked).state)));
	const details = nodes.flatMap(node => {
		const drift = drifts.get(node.name) ?? notChecked;
		return drift.detail && drift.state !== 'skipped' ? [printable(`${node.name}: ${drift.state}: ${drift.detail}`)] : [];
	});
	const titles = withDrift<string>(header, 'DRIFT');
	const table = alignRows([titles, ...rows], columnWidths(rows, titles));
	return details.length === 0 ? table : `${table}\n${details.join('\n')}\n`;
}

/**
 * `status --check`: the status output with each node's drift. JSON and
 * YAML records gain a `drift: {state, detail}` field; no other field changes.
 */
export function formatStatusWithDrift(nodes: readonly NodeInfo[], drifts: ReadonlyMap<string, Drift>, format: 'table' | 'wide' | 'json' | 'yaml'): string {
	if (format === 'json' || format === 'yaml') {
		return serialiseRecords(statusRecords(nodes).map(record => ({...record, drift: drifts.get(record.name) ?? notChecked})), format);
	}

	return driftTable(nodes, drifts, format === 'wide');
}
