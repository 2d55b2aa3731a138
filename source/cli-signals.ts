/**
 * Ctrl-C and SIGTERM abort the returned signal: the engine stops releasing
 * nodes and reports. A second one exits at once; the cluster stays
 * consistent either way because every step can be resumed.
 */
export function abortOnSignals(onSecond: () => void): {signal: AbortSignal; dispose: () => void} {
	const controller = new AbortController();
	const handler = () => {
		if (controller.signal.aborted) {
			onSecond();
			return;
		}

		process.stderr.write('\nStopping: no further node is released (press Ctrl-C again to quit at once)...\n');
		controller.abort();
	};

	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	return {
		signal: controller.signal,
		dispose() {
			process.off('SIGINT', handler);
			process.off('SIGTERM', handler);
		},
	};
}
