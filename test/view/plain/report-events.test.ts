import {describe, expect, it} from 'vitest';
import type {EngineEvent} from '../../../source/engine/events.ts';
import {reportEvents} from '../../../source/view/plain/report-events.ts';

const at = Date.UTC(2026, 0, 1, 0, 0, 0);

async function* stream(events: readonly EngineEvent[]): AsyncGenerator<EngineEvent> {
	for (const event of events) {
		yield event;
	}
}

async function report(events: readonly EngineEvent[]) {
	const lines: string[] = [];
	const outcome = await reportEvents(stream(events), line => lines.push(line));
	return {lines, outcome};
}

const finished = (outcome: Extract<EngineEvent, {type: 'finished'}>['outcome'], next?: string): EngineEvent => ({type: 'finished', at, outcome, done: [], failed: [], held: [], inFlight: [], skipped: [], ...(next === undefined ? {} : {next})});

describe('reportEvents', () => {
	it('writes each event as it comes and returns the outcome', async () => {
		const {lines, outcome} = await report([
			{type: 'node-phase', at, node: 'a', phase: 'done'},
			finished('done'),
		]);
		expect(lines).toEqual(['00:00:00 a: done', '00:00:00 done: 0 done, 0 failed, 0 not finished, 0 skipped']);
		expect(outcome).toBe('done');
	});

	it.each(['failed', 'nothing-to-do', 'interrupted'] as const)('returns the outcome %s', async outcome => {
		expect((await report([finished(outcome)])).outcome).toBe(outcome);
	});

	it('counts as interrupted when the events end without finishing', async () => {
		expect((await report([{type: 'node-phase', at, node: 'a', phase: 'running'}])).outcome).toBe('interrupted');
		expect((await report([])).outcome).toBe('interrupted');
	});

	it('numbers batches against the plan\'s batch count', async () => {
		const {lines} = await report([
			{type: 'plan', at, operation: 'apply', mode: 'node-by-node', parallel: 1, batches: [['a'], ['b'], ['c']], upToDate: [], skipped: []},
			{type: 'batch-started', at, index: 1, nodes: ['b']},
		]);
		expect(lines).toContain('00:00:00 batch 2/3: b');
	});

	it('masks credentials in every line, whatever the event', async () => {
		const secret = 's3cr3t-Pa55';
		const url = `http://alice:${secret}@proxy.corp:3128`;
		const {lines} = await report([
			{type: 'object-applied', at, kind: 'ConfigMap', name: url, action: 'applied'},
			{type: 'plan', at, operation: 'apply', mode: 'node-by-node', parallel: 1, batches: [['a']], upToDate: [], skipped: [{node: 'w', reason: `HTTPS_PROXY=${url}`}]},
			{type: 'node-failed', at, node: 'a', failure: {exitCode: 1, reason: `proxy ${url} refused`, logTail: [`curl: (7) Failed to connect to ${url}`, `HTTPS_PROXY=https://bob:${secret}@other:8080 set`]}},
			finished('failed', `kubectl proxyinject apply --https-proxy ${url} --yes`),
		]);
		expect(lines.length).toBeGreaterThanOrEqual(7);
		for (const line of lines) {
			expect(line).not.toContain(secret);
		}

		expect(lines).toContain('00:00:00 a: FAILED (exit code 1): proxy http://***@proxy.corp:3128 refused');
		expect(lines).toContain('  next: kubectl proxyinject apply --https-proxy http://***@proxy.corp:3128 --yes');
		expect(lines.filter(line => line.includes('://***@'))).toHaveLength(lines.filter(line => line.includes('@')).length);
	});

	it('stops with the error the events end with', async () => {
		const failure = new Error('watch failed');
		async function* failing(): AsyncGenerator<EngineEvent> {
			yield {type: 'node-phase', at, node: 'first', phase: 'running'};
			throw failure;
		}

		const lines: string[] = [];
		await expect(reportEvents(failing(), line => lines.push(line))).rejects.toBe(failure);
		expect(lines).toEqual(['00:00:00 first: running']);
	});
});
