import {podObject} from './objects.ts';
import {isStarting} from './pod-counts.ts';

/** What the plan needs of a pod: the node it is bound to, and whether it is still starting. */
export type PodRow = {readonly node?: string; readonly starting: boolean};

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

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rows of one list page: a Table (columns found by name), or a plain pod list from a server that sent one. */
export function podRowsOfPage(page: unknown): PodRow[] {
	if (!isRecord(page)) {
		return [];
	}

	if (page['kind'] !== 'Table') {
		return Array.isArray(page['items']) ? page['items'].map(item => {
			const pod = podObject(item);
			return {node: pod.spec?.nodeName, starting: isStarting(pod)};
		}) : [];
	}

	const columns = Array.isArray(page['columnDefinitions']) ? page['columnDefinitions'].map(column => (isRecord(column) ? column['name'] : undefined)) : [];
	const nodeColumn = columns.indexOf('Node');
	const statusColumn = columns.indexOf('Status');
	if (nodeColumn === -1 || statusColumn === -1) {
		throw new Error(`the API server's pod table has no ${nodeColumn === -1 ? 'Node' : 'Status'} column (columns: ${columns.join(', ')})`);
	}

	const rows = Array.isArray(page['rows']) ? page['rows'] : [];
	return rows.flatMap(row => {
		const cells = isRecord(row) && Array.isArray(row['cells']) ? row['cells'] : undefined;
		if (cells === undefined) {
			return [];
		}

		const node = cells[nodeColumn];
		const status = cells[statusColumn];
		// The table prints an unbound pod's node as "<none>", which no node can be named.
		return [{node: typeof node === 'string' && node !== '<none>' ? node : undefined, starting: typeof status !== 'string' || isStartingStatus(status)}];
	});
}
