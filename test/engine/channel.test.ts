import {describe, expect, it} from 'vitest';
import {createChannel} from '../../source/engine/channel.ts';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
	const items: T[] = [];
	for await (const item of source) {
		items.push(item);
	}

	return items;
}

describe('createChannel', () => {
	it('yields what was pushed before iteration, then ends on close', async () => {
		const channel = createChannel<number>();
		channel.push(1);
		channel.push(2);
		channel.close();
		expect(await collect(channel)).toEqual([1, 2]);
	});

	it('wakes a waiting reader for each push', async () => {
		const channel = createChannel<string>();
		const reading = collect(channel);
		channel.push('a');
		await Promise.resolve();
		channel.push('b');
		setImmediate(() => {
			channel.push('c');
			channel.close();
		});
		expect(await reading).toEqual(['a', 'b', 'c']);
	});

	it('delivers items pushed before a close that carries an error, then throws it', async () => {
		const channel = createChannel<number>();
		const failure = new Error('engine failed');
		const seen: number[] = [];
		const reading = (async () => {
			for await (const item of channel) {
				seen.push(item);
			}
		})();
		channel.push(1);
		channel.close(failure);
		await expect(reading).rejects.toBe(failure);
		expect(seen).toEqual([1]);
	});

	it('a reader waiting on an empty channel ends when it closes', async () => {
		const channel = createChannel<number>();
		const reading = collect(channel);
		setImmediate(() => channel.close());
		expect(await reading).toEqual([]);
	});

	it('keeps falsy items (0, empty string, false, null)', async () => {
		const channel = createChannel<unknown>();
		for (const item of [0, '', false, null]) {
			channel.push(item);
		}

		channel.close();
		expect(await collect(channel)).toEqual([0, '', false, null]);
	});

	it('keeps order across many pushes from another task', async () => {
		const channel = createChannel<number>();
		const reading = collect(channel);
		const producer = (async () => {
			for (let index = 0; index < 100; index++) {
				channel.push(index);
				if (index % 7 === 0) {
					await new Promise(resolve => setImmediate(resolve));
				}
			}

			channel.close();
		})();
		await producer;
		expect(await reading).toEqual(Array.from({length: 100}, (_, index) => index));
	});
});
