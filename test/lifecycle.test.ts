import {EventEmitter} from 'node:events';
import {expect, test} from 'vitest';
import {InterruptedError} from '../source/errors.ts';
import {createLifecycle, handleStopSignals, type SignalSource, stopSignals} from '../source/lifecycle.ts';

test('settled waits for tracked work, including work tracked while waiting, and ignores failures', async () => {
	const lifecycle = createLifecycle();
	const order: string[] = [];
	let release!: () => void;
	lifecycle.track(new Promise<void>(resolve => {
		release = resolve;
	}).then(() => {
		order.push('first');
		lifecycle.track(Promise.resolve().then(() => order.push('second')));
	}));
	lifecycle.track(Promise.reject(new Error('ignored')));
	const settled = lifecycle.settled().then(() => order.push('settled'));
	release();
	await settled;
	expect(order).toEqual(['first', 'second', 'settled']);
});

test('abort reaches the shared signal with its reason', () => {
	const lifecycle = createLifecycle();
	lifecycle.abort('why');
	expect(lifecycle.signal.aborted).toBe(true);
	expect(lifecycle.signal.reason).toBe('why');
});

/** A stand-in for `process` that counts its listeners. */
function fakeProcess() {
	const emitter = new EventEmitter();
	return {
		on: (signal, handler) => emitter.on(signal, handler),
		off: (signal, handler) => emitter.off(signal, handler),
		emit: (signal: string) => emitter.emit(signal),
		count: (signal: string) => emitter.listenerCount(signal),
	} satisfies SignalSource & Record<string, unknown>;
}

const settledSoon = async (promise: Promise<void>) => Promise.race([promise.then(() => 'forced'), new Promise(resolve => {
	setImmediate(() => resolve('pending'));
})]);

test('one handler for INT, TERM and HUP; during a rollout the first aborts gracefully, the second forces', async () => {
	const lifecycle = createLifecycle();
	const source = fakeProcess();
	let notices = 0;
	const signals = handleStopSignals(lifecycle, source, {graceful: () => true, onStopping: () => notices++});
	expect(stopSignals.map(signal => source.count(signal))).toEqual([1, 1, 1]);

	source.emit('SIGHUP');
	expect(lifecycle.signal.reason).toBeInstanceOf(InterruptedError);
	expect(notices).toBe(1);
	expect(await settledSoon(signals.forced)).toBe('pending');

	source.emit('SIGINT');
	expect(await settledSoon(signals.forced)).toBe('forced');
	expect(notices).toBe(1);

	signals.dispose();
	expect(stopSignals.map(signal => source.count(signal))).toEqual([0, 0, 0]);
});

test('outside a rollout the first signal ends the command at once', async () => {
	const lifecycle = createLifecycle();
	const source = fakeProcess();
	const signals = handleStopSignals(lifecycle, source, {graceful: () => false});
	source.emit('SIGTERM');
	expect(await settledSoon(signals.forced)).toBe('forced');
	expect(lifecycle.signal.aborted).toBe(true);
	signals.dispose();
});
