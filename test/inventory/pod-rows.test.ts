import {describe, expect, it} from 'vitest';
import {isStartingStatus, podRowsOfPage} from '../../source/inventory/pod-rows.ts';

const columns = ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'].map(name => ({name, type: 'string'}));

function table(rows: [status: string, node: string][], definitions = columns) {
	return {kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {resourceVersion: '7'}, columnDefinitions: definitions, rows: rows.map(([status, node], index) => ({cells: [`pod-${index}`, '0/1', status, '0', '1m', '<none>', node, '<none>', '<none>'], object: null}))};
}

describe('isStartingStatus', () => {
	it('reads what kubectl get pods prints: pods on their way up are starting', () => {
		for (const status of ['Pending', 'ContainerCreating', 'PodInitializing', 'Init:0/1', 'Init:ErrImagePull', 'ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'CreateContainerConfigError']) {
			expect(isStartingStatus(status), status).toBe(true);
		}
	});

	it('pods whose containers run or ended are not', () => {
		for (const status of ['Running', 'NotReady', 'Completed', 'Terminating', 'Error', 'OOMKilled', 'Signal:9', 'ExitCode:3']) {
			expect(isStartingStatus(status), status).toBe(false);
		}
	});

	it('a reason it does not know counts as starting: the plan warns rather than miss one', () => {
		expect(isStartingStatus('SomeRuntimeReason')).toBe(true);
	});
});

describe('podRowsOfPage', () => {
	it('takes node and status from the table by column name', () => {
		expect(podRowsOfPage(table([['Running', 'node-a'], ['ContainerCreating', 'node-b']]))).toEqual([{node: 'node-a', starting: false}, {node: 'node-b', starting: true}]);
	});

	it('finds the columns wherever the server puts them', () => {
		const moved = [columns[6]!, columns[2]!];
		const page = {kind: 'Table', columnDefinitions: moved, rows: [{cells: ['node-a', 'Init:0/1']}]};
		expect(podRowsOfPage(page)).toEqual([{node: 'node-a', starting: true}]);
	});

	it('an unbound pod has no node', () => {
		expect(podRowsOfPage(table([['Pending', '<none>']]))).toEqual([{node: undefined, starting: true}]);
	});

	it('says which column is missing from a table it cannot read', () => {
		expect(() => podRowsOfPage(table([['Running', 'node-a']], columns.filter(column => column.name !== 'Node')))).toThrow(/no Node column/);
	});

	it('reads a plain pod list from a server that answers without a table', () => {
		const list = {kind: 'PodList', items: [{spec: {nodeName: 'node-a'}, status: {phase: 'Running', containerStatuses: [{state: {running: {}}}]}}, {spec: {nodeName: 'node-b'}, status: {phase: 'Pending'}}]};
		expect(podRowsOfPage(list)).toEqual([{node: 'node-a', starting: false}, {node: 'node-b', starting: true}]);
	});
});
