/** A queue between a producer task and an async iterator: the engine's tasks push events, the views pull them. */
export function createChannel<T>() {
	const items: T[] = [];
	let wake: (() => void) | undefined;
	let closed = false;
	let failure: {error: unknown} | undefined;

	return {
		push(item: T) {
			items.push(item);
			wake?.();
		},
		close(error?: unknown) {
			closed = true;
			if (error !== undefined) {
				failure = {error};
			}

			wake?.();
		},
		async *[Symbol.asyncIterator](): AsyncGenerator<T> {
			while (true) {
				const item = items.shift();
				if (item !== undefined) {
					yield item;
					continue;
				}

				if (closed) {
					if (failure) {
						throw failure.error;
					}

					return;
				}

				await new Promise<void>(resolve => {
					wake = resolve;
				});
				wake = undefined;
			}
		},
	};
}
