import {describe, expect, it} from 'vitest';
import {drive, start} from './drive-rollout.ts';
import {type Action, initialRollout, nextDeadline, type Observation, type RolloutState, stepRollout} from '../../source/engine/rollout-machine.ts';
import type {RolloutPlan} from '../../source/plan/types.ts';

const timeoutMs = 60_000;
const nodeByNode = (...batches: string[][]): RolloutState['plan'] => ({mode: 'node-by-node', batches, timeoutMs});
const allAtOnce = (...nodes: string[]): RolloutState['plan'] => ({mode: 'all', batches: nodes.length > 0 ? [nodes] : [], timeoutMs});

const released = (node: string, at = 1): Observation => ({type: 'released', at, node});
const pod = (node: string, phase: 'pulling' | 'running' | 'done', at = 2): Observation => ({type: 'pod', at, node, progress: {phase}});
const crashed = (node: string, at = 3): Observation => ({type: 'pod', at, node, progress: {phase: 'failed', exitCode: 1, reason: 'CrashLoopBackOff'}});
const phases = (actions: readonly Action[]) => actions.filter(action => action.type === 'phase').map(action => `${action.node}:${action.phase}`);
const kinds = (actions: readonly Action[]) => actions.map(action => action.type);

describe('releasing batches', () => {
	it('node by node: a batch starts only when the previous one is done, after asking', () => {
		const plan = nodeByNode(['a'], ['b']);
		let run = drive(plan, [start]);
		expect(run.actions).toEqual([{type: 'start-batch', index: 0, nodes: ['a']}]);

		run = drive(plan, [released('a'), pod('a', 'pulling'), pod('a', 'running'), pod('a', 'done')], run.state);
		expect(phases(run.actions)).toEqual(['a:released', 'a:pulling', 'a:running', 'a:done']);
		expect(run.actions.slice(-2)).toEqual([{type: 'batch-finished', index: 0}, {type: 'ask-batch', index: 1, nodes: ['b']}]);

		run = drive(plan, [{type: 'batch-decision', at: 5, decision: 'continue'}], run.state);
		expect(run.actions).toEqual([{type: 'start-batch', index: 1, nodes: ['b']}]);

		run = drive(plan, [released('b'), pod('b', 'done')], run.state);
		expect(run.actions.at(-1)).toEqual({type: 'finish', result: {done: ['a', 'b'], failed: [], held: [], inFlight: [], outcome: 'done'}});
	});

	it('"continue all" stops asking; mode all never asks', () => {
		const plan = nodeByNode(['a'], ['b'], ['c']);
		const run = drive(plan, [start, released('a'), pod('a', 'done'), {type: 'batch-decision', at: 3, decision: 'continue-all'}, released('b'), pod('b', 'done')]);
		expect(kinds(run.actions).filter(kind => kind === 'ask-batch')).toHaveLength(1);
		expect(run.actions.at(-1)).toEqual({type: 'start-batch', index: 2, nodes: ['c']});

		const all = drive(allAtOnce('a', 'b'), [start, released('a'), released('b'), pod('b', 'done'), pod('a', 'done')]);
		expect(kinds(all.actions)).not.toContain('ask-batch');
		expect(all.state.result).toEqual({done: ['b', 'a'], failed: [], held: [], inFlight: [], outcome: 'done'});
	});

	it('a plan without batches finishes at once', () => {
		expect(drive(allAtOnce(), [start]).actions).toEqual([{type: 'finish', result: {done: [], failed: [], held: [], inFlight: [], outcome: 'done'}}]);
	});

	it('ignores pods of nodes it has not released, and anything after the finish', () => {
		const plan = nodeByNode(['a'], ['b']);
		const run = drive(plan, [start, pod('b', 'done'), pod('a', 'done')]);
		expect(run.actions).toEqual([{type: 'start-batch', index: 0, nodes: ['a']}]);
		const finished = drive(plan, [released('a'), pod('a', 'done'), {type: 'abort', at: 4}], run.state);
		expect(drive(plan, [released('b'), pod('b', 'done'), {type: 'tick', at: 1e12}], finished.state).actions).toEqual([]);
	});
});

describe('failures and timeouts', () => {
	it('a failed pod reports the failure and waits for the decision; retry replaces the pod and starts the clock again', () => {
		const plan = allAtOnce('a');
		let run = drive(plan, [start, released('a'), pod('a', 'running'), crashed('a')]);
		expect(run.actions.at(-1)).toEqual({type: 'node-failed', node: 'a', failure: {exitCode: 1, reason: 'CrashLoopBackOff'}});
		// While the user decides, neither the pod nor the clock moves the node.
		expect(drive(plan, [crashed('a', 4), {type: 'tick', at: 1e12}], run.state).actions).toEqual([]);

		run = drive(plan, [{type: 'failure-decision', at: 10, node: 'a', decision: 'retry'}], run.state);
		expect(run.actions).toEqual([{type: 'retry', node: 'a'}]);
		run = drive(plan, [{type: 'retried', at: 20, node: 'a'}], run.state);
		expect(phases(run.actions)).toEqual(['a:released']);
		// The tick comes no later than the new deadline; one that finds nothing due makes it exact.
		expect(nextDeadline(run.state)).toBeLessThanOrEqual(20 + timeoutMs);
		const early = stepRollout(run.state, {type: 'tick', at: nextDeadline(run.state)});
		expect(early.actions).toEqual([]);
		expect(nextDeadline(early.state)).toBe(20 + timeoutMs);

		run = drive(plan, [pod('a', 'done', 30)], run.state);
		expect(run.state.result).toEqual({done: ['a'], failed: [], held: [], inFlight: [], outcome: 'done'});
	});

	it('skip holds the node again and goes on; the rollout ends failed', () => {
		const plan = nodeByNode(['a'], ['b']);
		const run = drive(plan, [start, released('a'), crashed('a'), {type: 'failure-decision', at: 4, node: 'a', decision: 'skip'}]);
		expect(run.actions.slice(-3)).toEqual([{type: 'hold-again', node: 'a'}, {type: 'batch-finished', index: 0}, {type: 'ask-batch', index: 1, nodes: ['b']}]);
		const end = drive(plan, [{type: 'batch-decision', at: 5, decision: 'continue'}, released('b'), pod('b', 'done')], run.state);
		expect(end.state.result).toEqual({done: ['b'], failed: ['a'], held: [], inFlight: [], outcome: 'failed'});
	});

	it('stop lets the rest of the batch finish, then releases nothing more', () => {
		const plan: RolloutState['plan'] = {mode: 'node-by-node', batches: [['a', 'b'], ['c']], timeoutMs};
		let run = drive(plan, [start, released('a'), released('b'), crashed('a'), {type: 'failure-decision', at: 4, node: 'a', decision: 'stop'}]);
		expect(run.state.result).toBeUndefined();
		run = drive(plan, [pod('b', 'done', 5)], run.state);
		expect(kinds(run.actions)).not.toContain('ask-batch');
		expect(run.state.result).toEqual({done: ['b'], failed: ['a'], held: ['c'], inFlight: [], outcome: 'failed'});
	});

	it('a node past its deadline fails with the last phase it reached; before it, a tick changes nothing', () => {
		const plan = allAtOnce('a');
		const run = drive(plan, [start, released('a', 100), pod('a', 'pulling', 200)]);
		expect(nextDeadline(run.state)).toBe(100 + timeoutMs);
		expect(drive(plan, [{type: 'tick', at: 100 + timeoutMs - 1}], run.state).actions).toEqual([]);
		expect(drive(plan, [{type: 'tick', at: 100 + timeoutMs}], run.state).actions).toEqual([
			{type: 'node-failed', node: 'a', failure: {reason: 'did not finish within 60s (last phase: pulling)'}},
		]);
	});

	it('what a done pod\'s node reports is passed on before the node is done', () => {
		const report = {runtime: 'containerd', unit: 'containerd.service', restarted: true, seconds: 2};
		const run = drive(allAtOnce('a'), [start, released('a'), {type: 'pod', at: 2, node: 'a', progress: {phase: 'done', report}}]);
		const reported = run.actions.findIndex(action => action.type === 'report');
		expect(run.actions[reported]).toEqual({type: 'report', node: 'a', report});
		expect(reported).toBeLessThan(run.actions.findIndex(action => action.type === 'phase' && action.phase === 'done'));
		expect(run.state.result?.done).toEqual(['a']);
	});

	it('a pod done at the deadline counts as done, not timed out', () => {
		const run = drive(allAtOnce('a'), [start, released('a', 0), pod('a', 'done', timeoutMs)]);
		expect(run.state.result?.done).toEqual(['a']);
	});
});

describe('interruptions: held means never released', () => {
	it('an abort mid-batch reports released nodes in flight and only unreleased ones held', () => {
		const plan: RolloutState['plan'] = {mode: 'node-by-node', batches: [['a', 'b', 'c'], ['d']], timeoutMs};
		// a finished, b is restarting its runtime right now, c was not released yet.
		const run = drive(plan, [start, released('a'), released('b'), pod('a', 'done'), pod('b', 'running'), {type: 'abort', at: 9}]);
		expect(run.state.result).toEqual({done: ['a'], failed: [], held: ['c', 'd'], inFlight: ['b'], outcome: 'interrupted'});
	});

	it('a node waiting for a failure decision when interrupted is in flight: its pod was started', () => {
		const run = drive(allAtOnce('a'), [start, released('a'), crashed('a'), {type: 'abort', at: 9}]);
		expect(run.state.result).toMatchObject({held: [], inFlight: ['a'], outcome: 'interrupted'});
	});

	it('pause or abort between batches, or an abort while asking, holds the batch asked about and the rest', () => {
		const plan = nodeByNode(['a'], ['b'], ['c']);
		const asking = drive(plan, [start, released('a'), pod('a', 'done')]).state;
		for (const last of [{type: 'batch-decision', at: 5, decision: 'pause'}, {type: 'batch-decision', at: 5, decision: 'abort'}, {type: 'abort', at: 5}] as const) {
			expect(drive(plan, [last], asking).state.result).toEqual({done: ['a'], failed: [], held: ['b', 'c'], inFlight: [], outcome: 'interrupted'});
		}
	});

	it('an abort before the start holds everything', () => {
		expect(drive(nodeByNode(['a'], ['b']), [{type: 'abort', at: 0}]).state.result).toEqual({done: [], failed: [], held: ['a', 'b'], inFlight: [], outcome: 'interrupted'});
	});
});

it('accepts a full plan as its plan', () => {
	const plan: RolloutPlan = {operation: 'apply', mode: 'all', parallel: 1, timeoutMs, batches: [['a']], upToDate: [], skipped: [], disruptions: []};
	expect(stepRollout(initialRollout(plan), start).actions).toEqual([{type: 'start-batch', index: 0, nodes: ['a']}]);
});
