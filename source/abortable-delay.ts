/** Resolves after `ms`, or at once when `signal` aborts; never rejects, so callers check the signal themselves. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}

/**
 * Resolves once the function handed to `expose` is called, or `signal`
 * aborts. The abort listener goes when the wait ends: one left per wait
 * would pile up (thousands in a large rollout, each making the next
 * addEventListener slower).
 */
export function wokenOrAborted(signal: AbortSignal, expose: (wake: () => void) => void): Promise<void> {
	return new Promise(resolve => {
		const done = () => {
			signal.removeEventListener('abort', done);
			resolve();
		};

		expose(done);
		signal.addEventListener('abort', done, {once: true});
	});
}
