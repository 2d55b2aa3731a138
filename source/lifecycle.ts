import {InterruptedError} from './errors.ts';

/**
 * What every exit path shares: one signal that stops all engine work, and
 * the work still running, which must settle before the process may end
 * (an aborted rollout still lifts its holds).
 */
export type Lifecycle = {
	readonly signal: AbortSignal;
	readonly abort: (reason?: unknown) => void;
	readonly track: (work: Promise<unknown>) => void;
	readonly settled: () => Promise<void>;
};

export function createLifecycle(): Lifecycle {
	const controller = new AbortController();
	const running = new Set<Promise<unknown>>();
	return {
		signal: controller.signal,
		abort(reason) {
			controller.abort(reason);
		},
		track(work) {
			const settled = work.then(() => undefined, () => undefined);
			running.add(settled);
			void settled.then(() => running.delete(settled));
		},
		async settled() {
			while (running.size > 0) {
				await Promise.all(running);
			}
		},
	};
}

export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type StopSignal = (typeof stopSignals)[number];

/** The part of `process` signal handling needs; tests pass an emitter of their own. */
export type SignalSource = {
	readonly on: (signal: StopSignal, handler: () => void) => unknown;
	readonly off: (signal: StopSignal, handler: () => void) => unknown;
};

export type SignalOptions = {
	/**
	 * Whether a first signal should stop gracefully (a rollout is running and
	 * must report what it left); otherwise it ends the command at once.
	 */
	readonly graceful: () => boolean;
	/** Told once, on a graceful first signal. */
	readonly onStopping?: () => void;
};

/**
 * The only place that handles INT, TERM and HUP. During a rollout the first
 * one aborts the lifecycle: no further node is released and the engine
 * reports. A second one, or the first outside a rollout, resolves `forced`:
 * the entry point then exits at once (the cluster stays consistent, since
 * every step can be resumed).
 */
export function handleStopSignals(lifecycle: Lifecycle, source: SignalSource, options: SignalOptions): {readonly forced: Promise<void>; readonly dispose: () => void} {
	let force!: () => void;
	const forced = new Promise<void>(resolve => {
		force = resolve;
	});
	const handler = () => {
		if (lifecycle.signal.aborted || !options.graceful()) {
			lifecycle.abort(new InterruptedError('Stopped by a signal.'));
			force();
			return;
		}

		options.onStopping?.();
		lifecycle.abort(new InterruptedError('Stopped by a signal.'));
	};

	for (const signal of stopSignals) {
		source.on(signal, handler);
	}

	return {
		forced,
		dispose() {
			for (const signal of stopSignals) {
				source.off(signal, handler);
			}
		},
	};
}
