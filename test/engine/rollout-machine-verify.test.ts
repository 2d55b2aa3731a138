// --verify-image in the rollout machine: a configured node is done only once
// its runtime pulled the image; a failed pull fails the node like a failed
// script, and node by node nothing further is released.
import {describe, expect, it} from 'vitest';
import {drive, start} from './drive-rollout.ts';
import type {Action, Observation, RolloutState} from '../../source/engine/rollout-machine.ts';

const image = 'registry.corp/tools/hello:1';
const plan = (...batches: string[][]): RolloutState['plan'] => ({mode: 'node-by-node', batches, timeoutMs: 60_000, verifyImage: image});

const released = (node: string): Observation => ({type: 'released', at: 1, node});
const podDone = (node: string): Observation => ({type: 'pod', at: 2, node, progress: {phase: 'done'}});
const pulled = (node: string): Observation => ({type: 'verified', at: 3, node});
const notPulled = (node: string, failure: string): Observation => ({type: 'verified', at: 3, node, failure});
const phases = (actions: readonly Action[]) => actions.filter(action => action.type === 'phase').map(action => `${action.node}:${action.phase}`);

describe('--verify-image', () => {
	it('a node whose script is done is verifying, not done: the engine is asked to pull', () => {
		const run = drive(plan(['a'], ['b']), [start, released('a'), podDone('a')]);
		expect(phases(run.actions)).toEqual(['a:released', 'a:verifying']);
		expect(run.actions.at(-1)).toEqual({type: 'verify', node: 'a'});
		expect(run.state.done).toEqual([]);
	});

	it('the pull went through: the node is done and the next batch is asked for', () => {
		const run = drive(plan(['a'], ['b']), [start, released('a'), podDone('a'), pulled('a')]);
		expect(phases(run.actions)).toEqual(['a:released', 'a:verifying', 'a:done']);
		expect(run.state.done).toEqual(['a']);
		expect(run.actions.at(-1)).toEqual({type: 'ask-batch', index: 1, nodes: ['b']});
	});

	it('a failed pull fails the node with the kubelet\'s message; stopping leaves the next nodes held', () => {
		let run = drive(plan(['a'], ['b']), [start, released('a'), podDone('a'), notPulled('a', 'ErrImagePull: proxyconnect tcp: dial tcp 10.0.2.100:3131: connect: connection refused')]);
		expect(run.actions.at(-1)).toEqual({
			type: 'node-failed',
			node: 'a',
			failure: {reason: `could not pull ${image}: ErrImagePull: proxyconnect tcp: dial tcp 10.0.2.100:3131: connect: connection refused`},
			withoutLog: true,
		});
		run = drive(plan(['a'], ['b']), [{type: 'failure-decision', at: 4, node: 'a', decision: 'stop'}], run.state);
		expect(run.state.result).toEqual({done: [], failed: ['a'], held: ['b'], inFlight: [], outcome: 'failed'});
	});

	it('retry runs the script and the pull again', () => {
		let run = drive(plan(['a']), [start, released('a'), podDone('a'), notPulled('a', 'ErrImagePull: x509'), {type: 'failure-decision', at: 4, node: 'a', decision: 'retry'}]);
		expect(run.actions.at(-1)).toEqual({type: 'retry', node: 'a'});
		run = drive(plan(['a']), [{type: 'retried', at: 5, node: 'a'}, podDone('a'), pulled('a')], run.state);
		expect(run.state.result).toMatchObject({done: ['a'], failed: [], outcome: 'done'});
	});

	it('while the image is pulled, pod changes and ticks do not move the node; an abort leaves it in flight', () => {
		let run = drive(plan(['a'], ['b']), [start, released('a'), podDone('a')]);
		expect(drive(plan(['a'], ['b']), [podDone('a'), {type: 'tick', at: 1e12}], run.state).actions).toEqual([]);
		run = drive(plan(['a'], ['b']), [{type: 'abort', at: 4}], run.state);
		expect(run.state.result).toEqual({done: [], failed: [], held: ['b'], inFlight: ['a'], outcome: 'interrupted'});
	});

	it('an answer for a node that is not verifying changes nothing', () => {
		const run = drive(plan(['a']), [start, released('a')]);
		expect(drive(plan(['a']), [pulled('a')], run.state).actions).toEqual([]);
	});

	it('without --verify-image a done pod is done at once', () => {
		const run = drive({mode: 'node-by-node', batches: [['a']], timeoutMs: 60_000}, [start, released('a'), podDone('a')]);
		expect(phases(run.actions)).toEqual(['a:released', 'a:done']);
		expect(run.actions.map(action => action.type)).not.toContain('verify');
	});
});
