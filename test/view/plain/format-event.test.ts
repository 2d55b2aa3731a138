import {describe, expect, it} from 'vitest';
import type {EngineEvent} from '../../../source/engine/events.ts';
import {formatEvent} from '../../../source/view/plain/format-event.ts';

// 2026-03-01T12:34:56.789Z
const at = Date.UTC(2026, 2, 1, 12, 34, 56, 789);
const finished = (overrides: Partial<Extract<EngineEvent, {type: 'finished'}>>): EngineEvent => ({type: 'finished', at, outcome: 'done', done: [], failed: [], held: [], inFlight: [], skipped: [], ...overrides});
const names = (count: number, prefix = 'n') => Array.from({length: count}, (_, index) => `${prefix}${index + 1}`);

describe('formatEvent', () => {
	it('stamps every line with the UTC time of the event', () => {
		expect(formatEvent({type: 'node-phase', at, node: 'a', phase: 'running'}, 0)).toEqual(['12:34:56 a: running']);
	});

	it('plan node by node: targets, parallelism, batches, up to date, then each skipped node', () => {
		const event: EngineEvent = {type: 'plan', at, operation: 'apply', mode: 'node-by-node', parallel: 2, batches: [['a', 'b'], ['c']], upToDate: ['d'], skipped: [{node: 'win', reason: 'windows node'}, {node: 'odd', reason: 'rkt'}]};
		expect(formatEvent(event, 0)).toEqual([
			'12:34:56 plan: apply 3 node(s), node-by-node, 2 at a time (2 batches); 1 already up to date',
			'12:34:56 skipped win: windows node',
			'12:34:56 skipped odd: rkt',
		]);
	});

	it('plan all at once: no parallelism', () => {
		const event: EngineEvent = {type: 'plan', at, operation: 'remove', mode: 'all', parallel: 1, batches: [['a', 'b']], upToDate: [], skipped: []};
		expect(formatEvent(event, 0)).toEqual(['12:34:56 plan: remove 2 node(s), all; 0 already up to date']);
	});

	it('node-report: what the node says its run did, in one line', () => {
		const report = {runtime: 'docker', unit: 'docker.service', restarted: false, runtimePidAfter: 77, seconds: 1};
		expect(formatEvent({type: 'node-report', at, node: 'a', report}, 0)).toEqual(['12:34:56 a: docker.service not restarted, pid 77, no drop-in, 1s']);
	});

	it('object-applied: kind, name, action', () => {
		expect(formatEvent({type: 'object-applied', at, kind: 'DaemonSet', name: 'proxyinject-injector', action: 'updated'}, 0)).toEqual(['12:34:56 DaemonSet proxyinject-injector updated']);
	});

	it('batch-started: 1-based index of the count it is given, and the nodes', () => {
		expect(formatEvent({type: 'batch-started', at, index: 0, nodes: ['a', 'b']}, 3)).toEqual(['12:34:56 batch 1/3: a, b']);
	});

	it('batch-started: shortens long node lists', () => {
		expect(formatEvent({type: 'batch-started', at, index: 1, nodes: names(12)}, 2)).toEqual(['12:34:56 batch 2/2: n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 and 2 more']);
		expect(formatEvent({type: 'batch-started', at, index: 0, nodes: names(10)}, 1)[0]).not.toContain('more');
	});

	it('node-phase: one line per phase, except the initial held', () => {
		expect(formatEvent({type: 'node-phase', at, node: 'a', phase: 'running'}, 1)).toEqual(['12:34:56 a: running']);
		expect(formatEvent({type: 'node-phase', at, node: 'a', phase: 'held'}, 1)).toEqual([]);
	});

	it('node-failed: the reason, exit code and log tail', () => {
		const event: EngineEvent = {type: 'node-failed', at, node: 'a', failure: {exitCode: 3, reason: 'CrashLoopBackOff', logTail: ['systemctl failed', 'exit 3']}};
		expect(formatEvent(event, 1)).toEqual([
			'12:34:56 a: FAILED (exit code 3): CrashLoopBackOff',
			'12:34:56   | systemctl failed',
			'12:34:56   | exit 3',
		]);
	});

	it('node-failed without an exit code says none', () => {
		expect(formatEvent({type: 'node-failed', at, node: 'a', failure: {reason: 'did not finish within 300s', logTail: []}}, 1)).toEqual(['12:34:56 a: FAILED: did not finish within 300s']);
	});

	it('batch-finished prints nothing', () => {
		expect(formatEvent({type: 'batch-finished', at, index: 0}, 1)).toEqual([]);
	});

	it('finished done: the counts', () => {
		expect(formatEvent(finished({done: ['a', 'b'], skipped: ['w']}), 1)).toEqual(['12:34:56 done: 2 done, 0 failed, 0 not finished, 1 skipped']);
	});

	it('finished failed: the failed and unfinished nodes and what to run next', () => {
		expect(formatEvent(finished({outcome: 'failed', done: ['a'], failed: ['b'], held: ['c', 'd'], next: 'kubectl proxyinject apply --yes'}), 1)).toEqual([
			'12:34:56 FAILED: 1 done, 1 failed, 2 not finished, 0 skipped',
			'  failed: b',
			'  not finished (held back, untouched): c, d',
			'  next: kubectl proxyinject apply --yes',
		]);
	});

	it('finished interrupted: nodes released before the interruption are not called untouched', () => {
		expect(formatEvent(finished({outcome: 'interrupted', done: ['a'], inFlight: ['b'], held: ['c']}), 1)).toEqual([
			'12:34:56 interrupted: 1 done, 0 failed, 2 not finished, 0 skipped',
			'  not finished (released, may still be restarting its runtime): b',
			'  not finished (held back, untouched): c',
		]);
	});

	it('finished interrupted and nothing-to-do have their own headline', () => {
		expect(formatEvent(finished({outcome: 'interrupted'}), 1)[0]).toBe('12:34:56 interrupted: 0 done, 0 failed, 0 not finished, 0 skipped');
		expect(formatEvent(finished({outcome: 'nothing-to-do'}), 1)[0]).toMatch(/^12:34:56 nothing to do: every target node already has these settings: /);
	});

	it('finished: shortens long lists of failed nodes', () => {
		expect(formatEvent(finished({outcome: 'failed', failed: names(11)}), 1)[1]).toBe('  failed: n1, n2, n3, n4, n5, n6, n7, n8, n9, n10 and 1 more');
	});

	it('spells out control characters in log tails, reasons and node names: no clipboard writes, no forged lines', () => {
		const failed: EngineEvent = {type: 'node-failed', at, node: 'a', failure: {exitCode: 1, reason: 'Error\u001B[2J', logTail: ['\u001B]52;c;aGk=\u0007', 'ok\rforged']}};
		expect(formatEvent(failed, 1)).toEqual([
			'12:34:56 a: FAILED (exit code 1): Error\\x1b[2J',
			'12:34:56   | \\x1b]52;c;aGk=\\x07',
			'12:34:56   | ok\\rforged',
		]);
		expect(formatEvent({type: 'node-phase', at, node: 'x\u009By', phase: 'done'}, 0)).toEqual(['12:34:56 x\\x9by: done']);
	});
});
