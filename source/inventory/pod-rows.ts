import {podObject, record} from './objects.ts';
import {isStarting, type PodRow} from './pod-counts.ts';

/**
 * Pods are counted from the API's server-side table (what `kubectl get pods`
 * prints), not from whole objects: a row is a few dozen bytes where a pod is
 * several kilobytes, and the server builds a page of rows several times
 * faster. The Accept header asks for the table first and plain JSON after it,
 * as kubectl does, so a server that cannot print a table still answers.
 */
export const podTableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

// STATUS values of a pod whose containers have all come up or ended: every
// other one (Pending, ContainerCreating, PodInitializing, Init:…, or a
// container's waiting reason such as ErrImagePull or CrashLoopBackOff) is a
// pod still starting, which a runtime restart can break.
const settled = new Set(['Running', 'NotReady', 'Completed', 'Terminating', 'Unknown', 'Succeeded', 'Failed', 'Error', 'OOMKilled', 'ContainerCannotRun', 'DeadlineExceeded', 'StartError']);

/** Whether a pod whose STATUS column reads `status` is still starting. */
export function isStartingStatus(status: string): boolean {
	return !(settled.has(status) || status.startsWith('Signal:') || status.startsWith('ExitCode:'));
}

/** The rows of one list page: a Table (columns found by name), or a plain pod list from a server that sent one. */
export function podRowsOfPage(page: unknown): PodRow[] {
	const table = record(page);
	if (table === undefined) {
		return [];
	}

	if (table['kind'] !== 'Table') {
		return Array.isArray(table['items']) ? table['items'].map(item => {
			const pod = podObject(item);
			return {node: pod.spec?.nodeName, starting: isStarting(pod)};
		}) : [];
	}

	const columns = Array.isArray(table['columnDefinitions']) ? table['columnDefinitions'].map(column => record(column)?.['name']) : [];
	const nodeColumn = columns.indexOf('Node');
	const statusColumn = columns.indexOf('Status');
	if (nodeColumn === -1 || statusColumn === -1) {
		throw new Error(`the API server's pod table has no ${nodeColumn === -1 ? 'Node' : 'Status'} column (columns: ${columns.join(', ')})`);
	}

	const rows = Array.isArray(table['rows']) ? table['rows'] : [];
	return rows.flatMap(row => {
		const cells = record(row)?.['cells'];
		if (!Array.isArray(cells)) {
			return [];
		}

		const node = cells[nodeColumn];
		const status = cells[statusColumn];
		// The table prints an unbound pod's node as "<none>", which no node can be named.
		return [{node: typeof node === 'string' && node !== '<none>' ? node : undefined, starting: typeof status !== 'string' || isStartingStatus(status)}];
	});
}
