import {parseAllDocuments} from 'yaml';
import {expect, it} from 'vitest';
import {statusRecords} from '../../../source/view/status/format-status.ts';
import {statusWatchFormatter} from '../../../source/view/status/format-status-watch.ts';
import {nodeInfo} from '../../inventory/node-info.ts';

const nodeA = nodeInfo('node-a', {podsDisrupted: 3});
const longer = nodeInfo('a-much-longer-node-name', {state: 'configured'});

it('table: the header and every row first, then only the rows that changed, in the same columns', () => {
	const print = statusWatchFormatter('table');
	const first = print({changed: [longer, nodeA], removed: []}).split('\n');
	expect(first[0]).toMatch(/^NAME +READY +OS\/ARCH +RUNTIME +PODS-DISRUPTED +STATE +REASON$/);
	expect(first).toHaveLength(4);

	const next = print({changed: [{...nodeA, state: 'held', reason: 'waiting for its turn in the rollout'}], removed: []});
	expect(next.split('\n')).toHaveLength(2);
	expect(next.indexOf('held')).toBe(first[0]!.indexOf('STATE'));
	expect(next).toMatch(/^node-a +True +linux\/amd64 +containerd:\/\/1\.7\.24 +3 +held +waiting for its turn in the rollout\n$/);
});

it('table: a deleted node is its last row with state deleted; nothing to show prints nothing', () => {
	const print = statusWatchFormatter('table');
	print({changed: [nodeA], removed: []});
	expect(print({changed: [], removed: [nodeA]})).toMatch(/^node-a .* deleted\n$/);
	expect(print({changed: [], removed: []})).toBe('');
});

it('json: one record per line, the status -o json fields, a deleted node marked', () => {
	const print = statusWatchFormatter('json');
	const lines = print({changed: [longer, nodeA], removed: []}).trimEnd().split('\n');
	expect(lines.map(line => JSON.parse(line))).toEqual(statusRecords([longer, nodeA]));
	expect(JSON.parse(print({changed: [], removed: [nodeA]}))).toEqual({...statusRecords([nodeA])[0], deleted: true});
});

it('yaml: one document per record', () => {
	const print = statusWatchFormatter('yaml');
	const documents = parseAllDocuments(print({changed: [longer, nodeA], removed: []})).map(document => document.toJS());
	expect(documents).toEqual(statusRecords([longer, nodeA]));
});

it('control characters from the cluster are spelled out in every format', () => {
	const hostile = nodeInfo('evil', {reason: 'x\u001B]52;c;aGk=\u0007\u009B2J\u202Ey'});
	for (const format of ['table', 'json', 'yaml'] as const) {
		expect(statusWatchFormatter(format)({changed: [hostile], removed: []})).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/u);
	}
});

it('a change the output does not show (labels, addresses) prints nothing', () => {
	for (const format of ['table', 'json', 'yaml'] as const) {
		const print = statusWatchFormatter(format);
		print({changed: [nodeA], removed: []});
		expect(print({changed: [{...nodeA, labels: {pool: 'new'}, internalIps: ['10.0.0.9']}], removed: []})).toBe('');
		expect(print({changed: [{...nodeA, podsDisrupted: 4}], removed: []})).not.toBe('');
	}
});
