import {describe, expect, it} from 'vitest';
import {drive, start} from './drive-rollout.ts';
import type {Action, Observation, RolloutState} from '../../source/engine/rollout-machine.ts';

const drainPlan = (...batches: string[][]): RolloutState['plan'] => ({mode: 'node-by-node', batches, timeoutMs: 60_000, drainTimeoutMs: 30_000});
const plainPlan = (...batches: string[][]): RolloutState['plan'] => ({mode: 'node-by-node', batches, timeoutMs: 60_000});

const drained = (node: string, cordonedByUs = true): Observation => ({type: 'drained', at: 1, node, cordonedByUs});
const drainFailed = (node: string, cordonedByUs = true): Observation => ({type: 'drain-failed', at: 1, node, cordonedByUs, reason: 'drain: eviction of pod shop/web-1 refused by PodDisruptionBudget web-pdb for 30s'});
const released = (node: string): Observation => ({type: 'released', at: 2, node});
const pod = (node: string, phase: 'running' | 'done'): Observation => ({type: 'pod', at: 3, node, progress: {phase}});
const decide = (node: string, decision: 'retry' | 'skip' | 'stop'): Observation => ({type: 'failure-decision', at: 4, node, decision});
const abort: Observation = {type: 'abort', at: 5};
/** The actions that touch the cluster, in order, as short words. */
const work = (actions: readonly Action[]) => actions.flatMap(action => {
	switch (action.type) {
		case 'drain': {
			return [`drain ${action.nodes.join(',')}`];
		}

		case 'release':
		case 'uncordon':
		case 'hold-again':
		case 'retry': {
			return [`${action.type} ${action.node}`];
		}

		case 'start-batch': {
			return [`start-batch ${action.nodes.join(',')} releasing ${(action.release ?? action.nodes).join(',') || 'none'}`];
		}

		case 'finish': {
			return [`finish ${action.result.outcome}`];
		}

		default: {
			return [];
		}
	}
});

describe('--drain in the rollout machine', () => {
	it('drains a batch before releasing any of it, releases each node once drained, uncordons it once its pod is ready', () => {
		const plan = drainPlan(['a', 'b']);
		let run = drive(plan, [start]);
		expect(work(run.actions)).toEqual(['start-batch a,b releasing none', 'drain a,b']);
		expect(run.actions.filter(action => action.type === 'phase')).toEqual([{type: 'phase', node: 'a', phase: 'draining'}, {type: 'phase', node: 'b', phase: 'draining'}]);

		run = drive(plan, [drained('b'), released('b'), pod('b', 'done'), drained('a'), released('a'), pod('a', 'running')], run.state);
		expect(work(run.actions)).toEqual(['release b', 'uncordon b', 'release a']);
		run = drive(plan, [pod('a', 'done')], run.state);
		expect(work(run.actions)).toEqual(['uncordon a', 'finish done']);
	});

	it('never uncordons a node someone else cordoned', () => {
		const run = drive(drainPlan(['a']), [start, drained('a', false), released('a'), pod('a', 'done')]);
		expect(work(run.actions)).not.toContain('uncordon a');
		expect(run.state.result?.outcome).toBe('done');
	});

	it('a refused drain fails the node with its reason, without log and without holding it again; stop uncordons it and ends', () => {
		let run = drive(drainPlan(['a'], ['b']), [start, drainFailed('a')]);
		expect(run.actions.filter(action => action.type === 'node-failed')).toEqual([
			{type: 'node-failed', node: 'a', failure: {reason: 'drain: eviction of pod shop/web-1 refused by PodDisruptionBudget web-pdb for 30s'}, withoutLog: true},
		]);
		run = drive(drainPlan(['a'], ['b']), [decide('a', 'stop')], run.state);
		expect(work(run.actions)).toEqual(['uncordon a', 'finish failed']);
		expect(run.state.result).toEqual({done: [], failed: ['a'], held: ['b'], inFlight: [], outcome: 'failed'});
	});

	it('retrying a refused drain drains again; skipping moves on to the next batch', () => {
		let run = drive(drainPlan(['a'], ['b']), [start, drainFailed('a'), decide('a', 'retry')]);
		expect(work(run.actions).slice(-1)).toEqual(['drain a']);
		run = drive(drainPlan(['a'], ['b']), [drainFailed('a'), decide('a', 'skip')], run.state);
		expect(work(run.actions)).toEqual(['uncordon a']);
		expect(run.actions.at(-1)).toEqual({type: 'ask-batch', index: 1, nodes: ['b']});
	});

	it('interrupted mid-drain: the node counts as held, not in flight, and is uncordoned before the end', () => {
		const run = drive(drainPlan(['a'], ['b']), [start, {type: 'drain-stopped', at: 2, node: 'a', cordonedByUs: true}, abort]);
		expect(work(run.actions)).toEqual(['start-batch a releasing none', 'drain a', 'uncordon a', 'finish interrupted']);
		expect(run.state.result).toEqual({done: [], failed: [], held: ['a', 'b'], inFlight: [], outcome: 'interrupted'});
	});

	it('interrupted after the release: the node is in flight and still uncordoned', () => {
		const run = drive(drainPlan(['a']), [start, drained('a'), released('a'), pod('a', 'running'), abort]);
		expect(work(run.actions).slice(-2)).toEqual(['uncordon a', 'finish interrupted']);
		expect(run.state.result?.inFlight).toEqual(['a']);
	});

	it('a pod that fails after the drain: held again and uncordoned', () => {
		const run = drive(drainPlan(['a']), [start, drained('a'), released('a'), {type: 'pod', at: 3, node: 'a', progress: {phase: 'failed', exitCode: 1, reason: 'Error'}}, decide('a', 'stop')]);
		expect(work(run.actions).slice(-3)).toEqual(['hold-again a', 'uncordon a', 'finish failed']);
	});

	it('cordons an interrupted run left: lifted at the start, unless this run drains the node (lifted when it is done)', () => {
		let run = drive(drainPlan(['a']), [start], undefined, ['x', 'a']);
		expect(work(run.actions)).toEqual(['uncordon x', 'start-batch a releasing none', 'drain a']);
		run = drive(drainPlan(['a']), [drained('a', false), released('a'), pod('a', 'done')], run.state);
		expect(work(run.actions)).toEqual(['release a', 'uncordon a', 'finish done']);

		// Without --drain every leftover is lifted at once.
		expect(work(drive(plainPlan(['a']), [start], undefined, ['x', 'a']).actions)).toEqual(['uncordon x', 'uncordon a', 'start-batch a releasing a']);
	});

	it('a pause between batches uncordons nothing it did not cordon and ends', () => {
		const run = drive(drainPlan(['a'], ['b']), [start, drained('a'), released('a'), pod('a', 'done'), {type: 'batch-decision', at: 6, decision: 'pause'}]);
		expect(work(run.actions)).toEqual(['start-batch a releasing none', 'drain a', 'release a', 'uncordon a', 'finish interrupted']);
		expect(run.state.result?.held).toEqual(['b']);
	});
});
