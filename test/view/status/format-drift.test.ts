import {describe, expect, it} from 'vitest';
import type {Drift} from '../../../source/drift/decide-drift.ts';
import type {NodeInfo} from '../../../source/inventory/types.ts';
import {formatStatus} from '../../../source/view/status/format-status.ts';
import {formatStatusWithDrift} from '../../../source/view/status/format-drift.ts';

const node = (name: string, extra: Partial<NodeInfo> = {}): NodeInfo => ({
	name, ready: true, os: 'linux', arch: 'amd64', labels: {}, runtime: 'containerd', runtimeVersion: 'containerd://1.7.24',
	internalIps: [], podCidrs: [], podsDisrupted: 0, podsTotal: 3, state: 'configured', reason: '', ...extra,
});
const nodes = [node('a'), node('b'), node('win', {os: 'windows', runtime: undefined, state: 'skipped', reason: 'windows node: no systemd runtime to configure'})];
const drifts = new Map<string, Drift>([
	['a', {state: 'in-sync', detail: ''}],
	['b', {state: 'edited', detail: '/etc/x.conf differs\u001B[2J'}],
	['win', {state: 'skipped', detail: 'windows node: no systemd runtime to configure'}],
]);

describe('formatStatusWithDrift', () => {
	it('the table gains a DRIFT column after STATE, and a line per node with a detail, controls spelled out', () => {
		expect(formatStatusWithDrift(nodes, drifts, 'table')).toBe([
			'NAME   READY   OS/ARCH         RUNTIME               PODS-DISRUPTED   STATE        DRIFT     REASON',
			'a      True    linux/amd64     containerd://1.7.24   0                configured   in-sync',
			'b      True    linux/amd64     containerd://1.7.24   0                configured   edited',
			'win    True    windows/amd64   containerd://1.7.24   0                skipped      skipped   windows node: no systemd runtime to configure',
			'',
			'b: edited: /etc/x.conf differs\\x1b[2J',
			'',
		].join('\n'));
	});

	it('JSON records are those of status -o json with a drift field added', () => {
		const plain = JSON.parse(formatStatus(nodes, 'json')) as Array<Record<string, unknown>>;
		const checked = JSON.parse(formatStatusWithDrift(nodes, drifts, 'json')) as Array<Record<string, unknown>>;
		expect(checked).toEqual(plain.map(record => ({...record, drift: drifts.get(record['name'] as string)})));
	});

	it('a node without a result is shown as not checked', () => {
		expect(JSON.parse(formatStatusWithDrift([node('c')], new Map(), 'json'))[0].drift).toEqual({state: 'unknown', detail: 'not checked'});
	});
});
