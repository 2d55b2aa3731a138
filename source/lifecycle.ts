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
