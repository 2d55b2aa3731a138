import {parse} from 'yaml';
import {describe, expect, it} from 'vitest';
import {formatStatus, statusRecords} from '../../../source/view/status/format-status.ts';
import {nodeInfo} from '../../inventory/node-info.ts';

const nodes = [
	nodeInfo('node-a', {podsDisrupted: 3, podsTotal: 20, state: 'configured', internalIps: ['10.0.0.1'], labels: {pool: 'a'}}),
	nodeInfo('docker-node-long-name', {runtime: 'docker', runtimeVersion: 'docker://20.10.7', podsDisrupted: 7, podsTotal: 7, state: 'stale', reason: 'configured with other settings', ready: false}),
	nodeInfo('win', {os: 'windows', runtime: undefined, runtimeVersion: 'containerd://1.7.0', state: 'skipped', reason: 'windows node: no systemd runtime to configure'}),
	nodeInfo('odd', {runtime: undefined, runtimeVersion: '', state: 'skipped', reason: 'runtime "unknown" is not supported (containerd, docker, cri-o are)', arch: 'arm64'}),
];

const contractFields = ['name', 'ready', 'os', 'arch', 'runtime', 'runtimeVersion', 'podsDisrupted', 'podsTotal', 'state', 'reason', 'nodeReport'];

describe('statusRecords: the json contract', () => {
	it('has exactly the documented fields, in order', () => {
		for (const record of statusRecords(nodes)) {
			expect(Object.keys(record)).toEqual(contractFields);
		}
	});

	it('carries the values of each node, runtime null when unknown', () => {
		expect(statusRecords(nodes)).toEqual([
			{name: 'node-a', ready: true, os: 'linux', arch: 'amd64', runtime: 'containerd', runtimeVersion: 'containerd://1.7.24', podsDisrupted: 3, podsTotal: 20, state: 'configured', reason: '', nodeReport: null},
			{name: 'docker-node-long-name', ready: false, os: 'linux', arch: 'amd64', runtime: 'docker', runtimeVersion: 'docker://20.10.7', podsDisrupted: 7, podsTotal: 7, state: 'stale', reason: 'configured with other settings', nodeReport: null},
			{name: 'win', ready: true, os: 'windows', arch: 'amd64', runtime: null, runtimeVersion: 'containerd://1.7.0', podsDisrupted: 0, podsTotal: 0, state: 'skipped', reason: 'windows node: no systemd runtime to configure', nodeReport: null},
			{name: 'odd', ready: true, os: 'linux', arch: 'arm64', runtime: null, runtimeVersion: '', podsDisrupted: 0, podsTotal: 0, state: 'skipped', reason: 'runtime "unknown" is not supported (containerd, docker, cri-o are)', nodeReport: null},
		]);
	});

	it('nodeReport: what the node said its last run did', () => {
		const report = {runtime: 'containerd', unit: 'containerd.service', dropInSha256: 'b'.repeat(64), restarted: true, runtimePidBefore: 812, runtimePidAfter: 1204, seconds: 4};
		expect(statusRecords([nodeInfo('node-a', {state: 'configured', report})])[0]!.nodeReport).toEqual(report);
	});

	it('leaves out labels and addresses', () => {
		expect(JSON.stringify(statusRecords(nodes))).not.toContain('10.0.0.1');
		expect(JSON.stringify(statusRecords(nodes))).not.toContain('pool');
	});
});

describe('formatStatus', () => {
	it('json: an array of the records, indented, ending with a newline', () => {
		const text = formatStatus(nodes, 'json');
		expect(text.endsWith('\n')).toBe(true);
		expect(JSON.parse(text)).toEqual(statusRecords(nodes));
		expect(text).toContain('\n  {\n    "name": "node-a"');
	});

	it('json of no nodes is an empty array', () => {
		expect(JSON.parse(formatStatus([], 'json'))).toEqual([]);
	});

	it('yaml: the same records', () => {
		expect(parse(formatStatus(nodes, 'yaml'))).toEqual(statusRecords(nodes));
	});

	it('table: a header and one aligned row per node', () => {
		const lines = formatStatus(nodes, 'table').split('\n');
		expect(lines.at(-1)).toBe('');
		expect(lines).toHaveLength(nodes.length + 2);
		expect(lines[0]).toMatch(/^NAME +READY +OS\/ARCH +RUNTIME +PODS-DISRUPTED +STATE +REASON$/);
		const columns = ['READY', 'OS/ARCH', 'RUNTIME', 'PODS-DISRUPTED', 'STATE', 'REASON'].map(title => lines[0]!.indexOf(title));
		expect(lines[1]!.slice(0, columns[0])).toBe('node-a'.padEnd(columns[0]!));
		expect(lines[2]!.slice(columns[0], columns[1]).trim()).toBe('False');
		expect(lines[2]!.slice(columns[2], columns[3]).trim()).toBe('docker://20.10.7');
		expect(lines[2]!.slice(columns[3], columns[4]).trim()).toBe('7');
		expect(lines[2]!.slice(columns[4], columns[5]).trim()).toBe('stale');
		expect(lines[2]!.slice(columns[5])).toBe('configured with other settings');
		expect(lines[3]!.slice(columns[1], columns[2]).trim()).toBe('windows/amd64');
	});

	it('table: an unknown runtime shows as <unknown>, and no line ends in spaces', () => {
		const text = formatStatus(nodes, 'table');
		expect(text.split('\n')[4]).toContain('<unknown>');
		expect(text.split('\n')[1]).toBe(text.split('\n')[1]!.trimEnd());
	});

	it('wide: the table and a last column with what each node said it did', () => {
		const report = {runtime: 'containerd', unit: 'containerd.service', dropInSha256: 'c'.repeat(64), restarted: true, runtimePidBefore: 812, runtimePidAfter: 1204, seconds: 4};
		const lines = formatStatus([nodeInfo('node-a', {state: 'configured', report}), nodeInfo('node-b')], 'wide').split('\n');
		expect(lines[0]).toMatch(/^NAME +READY +OS\/ARCH +RUNTIME +PODS-DISRUPTED +STATE +REASON +NODE-REPORT$/);
		const column = lines[0]!.indexOf('NODE-REPORT');
		expect(lines[1]!.slice(column)).toBe('containerd.service restarted, pid 812 -> 1204, drop-in sha256 cccccccccccc, 4s');
		expect(lines[2]!.slice(column)).toBe('<none>');
	});

	it('table of no nodes is the header alone', () => {
		expect(formatStatus([], 'table')).toBe('NAME   READY   OS/ARCH   RUNTIME   PODS-DISRUPTED   STATE   REASON\n');
	});

	it('spells out control characters a node reports, and keeps json and yaml terminal-safe without changing values', () => {
		const hostile = [nodeInfo('evil', {runtimeVersion: 'containerd://1.7\u001B]52;c;aGk=\u0007\u001B[2J', reason: 'x\u009B2J\u202Ey', os: 'linux\r'})];
		const table = formatStatus(hostile, 'table');
		expect(table).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/u);
		expect(table).toContain('containerd://1.7\\x1b]52;c;aGk=\\x07\\x1b[2J');
		for (const format of ['json', 'yaml'] as const) {
			const text = formatStatus(hostile, format);
			expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/u);
			expect(parse(text)).toEqual(statusRecords(hostile));
		}
	});
});
