import {expect, test} from 'vitest';
import {createLifecycle} from '../../source/ui/lifecycle.ts';

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
