import {expect, test} from 'vitest';
import type {KubeClient} from '../../source/cluster/kube-client.ts';
import {type ObjectChange, watchObjects} from '../../source/cluster/watch-objects.ts';
import {OperationError} from '../../source/errors.ts';

type Item = {metadata: {name: string; resourceVersion?: string}};

/** One watch request the code under test made: what it asked for, and the server's side of it. */
type Request = {
	readonly resourceVersion: unknown;
	send(type: string, object: unknown): void;
	end(error?: unknown): void;
};

/**
 * A client at the level of our own KubeClient interface: lists answer from
 * `listed`, every watch request is handed to the test. No HTTP is involved;
 * the HTTP side of watches runs against the real test cluster in e2e.
 */
function scriptedClient(listed: () => Item[]) {
	const requests: Request[] = [];
	let lists = 0;
	let arrived: (() => void) | undefined;
	const client = {
		endpoint: {context: 'test', server: 'https://test'},
		async watch(_path: string, query: Record<string, unknown>, onEvent: (type: string, object: unknown) => void, onDone: (error?: unknown) => void) {
			const controller = new AbortController();
			let ended = false;
			const end = (error?: unknown) => {
				if (!ended) {
					ended = true;
					onDone(error);
				}
			};

			controller.signal.addEventListener('abort', () => end());
			requests.push({resourceVersion: query['resourceVersion'], send: (type, object) => !ended && onEvent(type, object), end});
			arrived?.();
			return controller;
		},
	} as unknown as KubeClient;
	return {
		client,
		requests,
		lists: () => lists,
		collection: {
			what: 'items',
			path: '/api/v1/items',
			async list() {
				lists++;
				return {items: listed(), resourceVersion: String(10 * lists)};
			},
		},
		/** The next watch request, once the code under test has made it. */
		async nextRequest(count: number): Promise<Request> {
			while (requests.length < count) {
				await new Promise<void>(resolve => {
					arrived = resolve;
				});
			}

			return requests[count - 1]!;
		},
	};
}

const item = (name: string, resourceVersion: string): Item => ({metadata: {name, resourceVersion}});

async function take<T>(changes: AsyncGenerator<ObjectChange<T>>): Promise<ObjectChange<T>> {
	const next = await changes.next();
	if (next.done) {
		throw new Error('the stream ended');
	}

	return next.value;
}

test('a list, then the watch from its version; a dropped watch resumes from the last version seen', async () => {
	const server = scriptedClient(() => [item('a', '5')]);
	const lifetime = new AbortController();
	const changes = watchObjects<Item>(server.client, server.collection, lifetime.signal);
	expect(await take(changes)).toEqual({type: 'reset', items: [item('a', '5')]});

	const pending = take(changes);
	const first = await server.nextRequest(1);
	expect(first.resourceVersion).toBe('10');
	first.send('ADDED', item('b', '11'));
	expect(await pending).toEqual({type: 'upsert', object: item('b', '11')});

	first.send('BOOKMARK', {metadata: {resourceVersion: '15'}});
	first.send('DELETED', item('a', '16'));
	expect(await take(changes)).toEqual({type: 'delete', object: item('a', '16')});

	// The server ends the watch (its timeout): the next one continues where this one stopped, without a list.
	const resumed = take(changes);
	first.end();
	const second = await server.nextRequest(2);
	expect(second.resourceVersion).toBe('16');
	second.send('MODIFIED', item('b', '17'));
	expect(await resumed).toEqual({type: 'upsert', object: item('b', '17')});
	expect(server.lists()).toBe(1);
	lifetime.abort();
	expect((await changes.next()).done).toBe(true);
});

test('410 Gone as an ERROR event lists again and says reset', async () => {
	let listed = [item('a', '5')];
	const server = scriptedClient(() => listed);
	const lifetime = new AbortController();
	const changes = watchObjects<Item>(server.client, server.collection, lifetime.signal);
	await take(changes);

	const reset = take(changes);
	const first = await server.nextRequest(1);
	listed = [item('c', '30')];
	first.send('ERROR', {kind: 'Status', code: 410, reason: 'Expired'});
	expect(await reset).toEqual({type: 'reset', items: [item('c', '30')]});
	expect(server.lists()).toBe(2);
	const next = take(changes);
	expect((await server.nextRequest(2)).resourceVersion).toBe('20');
	lifetime.abort();
	expect((await next.catch(() => undefined))).toBeUndefined();
});

test('410 as the status of the watch request itself also lists again', async () => {
	const server = scriptedClient(() => [item('a', '5')]);
	const lifetime = new AbortController();
	const changes = watchObjects<Item>(server.client, server.collection, lifetime.signal);
	await take(changes);

	const reset = take(changes);
	(await server.nextRequest(1)).end(Object.assign(new Error('watch: HTTP 410'), {statusCode: 410}));
	expect(await reset).toMatchObject({type: 'reset'});
	expect(server.lists()).toBe(2);
	lifetime.abort();
});

test('a watch the user may not make ends the stream with an error that says so', async () => {
	const server = scriptedClient(() => []);
	const changes = watchObjects<Item>(server.client, server.collection, new AbortController().signal);
	await take(changes);

	const failed = take(changes);
	(await server.nextRequest(1)).end(Object.assign(new Error('watch: HTTP 403'), {statusCode: 403}));
	const error = await failed.catch((error: unknown) => error);
	expect(error).toBeInstanceOf(OperationError);
	expect((error as Error).message).toBe('watch items: forbidden on context "test" (https://test)');
});
