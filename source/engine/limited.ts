/** Runs `work` on every item, `limit` at a time: fast on large clusters without flooding the API server. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			await work(items[next++]!);
		}
	};

	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
}
