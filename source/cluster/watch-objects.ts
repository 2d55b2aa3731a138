import {abortableDelay, wokenOrAborted} from '../abortable-delay.ts';
import {OperationError} from '../errors.ts';
import type {KubeClient} from './kube-client.ts';

export type ObjectChange<T> =
	| {readonly type: 'reset'; readonly items: readonly T[]}
	| {readonly type: 'upsert'; readonly object: T}
	| {readonly type: 'delete'; readonly object: T};

/** One collection to follow: how to list it, and the watch request that continues the list. */
export type WatchedCollection<T> = {
	/** Named in errors, e.g. "nodes". */
	readonly what: string;
	readonly list: () => Promise<{readonly items: readonly T[]; readonly resourceVersion: string}>;
	readonly path: string;
	/** Selectors of the watch; they must match the list's. */
	readonly query?: Readonly<Record<string, string | undefined>>;
};

type Ended = {readonly ended: true; readonly error?: unknown};

const reconnectDelayMs = [250, 500, 1000, 2000, 5000];

function watchStatus(error: unknown): number | undefined {
	const status = (error as {statusCode?: unknown})?.statusCode;
	return typeof status === 'number' ? status : undefined;
}

/**
 * A collection as a stream of changes: a list, then a watch from its
 * resourceVersion. A dropped connection reconnects from the last version
 * seen; 410 Gone (that history was compacted, or the API server restarted)
 * lists again and says `reset`. Ends only when the signal aborts, or with an
 * error when the user may not watch or the list keeps failing.
 */
export async function* watchObjects<T extends {metadata?: {resourceVersion?: string}}>(client: KubeClient, collection: WatchedCollection<T>, signal: AbortSignal): AsyncGenerator<ObjectChange<T>> {
	let resourceVersion: string | undefined;
	let failures = 0;
	while (!signal.aborted) {
		if (resourceVersion === undefined) {
			try {
				const list = await collection.list();
				resourceVersion = list.resourceVersion;
				failures = 0;
				yield {type: 'reset', items: list.items};
			} catch (error) {
				if (signal.aborted) {
					return;
				}

				// The list error is real (e.g. forbidden) only if it persists.
				if (++failures > reconnectDelayMs.length * 4) {
					throw error;
				}

				await abortableDelay(reconnectDelayMs[Math.min(failures, reconnectDelayMs.length) - 1]!, signal);
				continue;
			}
		}

		const queue: (ObjectChange<T> | Ended)[] = [];
		let wake: (() => void) | undefined;
		const push = (item: ObjectChange<T> | Ended) => {
			queue.push(item);
			wake?.();
		};

		let gone = false;
		let controller: AbortController | undefined;
		try {
			controller = await client.watch(
				collection.path,
				{...collection.query, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 240},
				(type, received) => {
					const object = received as T & {code?: number};
					if (type === 'BOOKMARK') {
						resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
					} else if (type === 'ERROR') {
						gone = object.code === 410;
						push({ended: true});
					} else {
						resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
						push(type === 'DELETED' ? {type: 'delete', object} : {type: 'upsert', object});
					}
				},
				(error?: unknown) => push({ended: true, error}),
			);
		} catch (error) {
			push({ended: true, error});
		}

		const stop = () => controller?.abort();
		signal.addEventListener('abort', stop, {once: true});
		try {
			while (!signal.aborted) {
				const item = queue.shift();
				if (item === undefined) {
					await wokenOrAborted(signal, done => {
						wake = done;
					});
					wake = undefined;
					continue;
				}

				if ('ended' in item) {
					const status = watchStatus(item.error);
					// Some servers refuse the watch request itself with 410 instead of sending an ERROR event.
					gone ||= status === 410;
					// Retrying cannot help a user who may list but not watch: say so instead of waiting forever.
					if (status === 403) {
						throw new OperationError(`watch ${collection.what}: forbidden on context "${client.endpoint.context}" (${client.endpoint.server})`, 'Ask a cluster admin for the watch permission, or use a context that has it.');
					}

					if (item.error && !gone && !signal.aborted) {
						await abortableDelay(reconnectDelayMs[Math.min(++failures, reconnectDelayMs.length) - 1]!, signal);
					}

					break;
				}

				failures = 0;
				yield item;
			}
		} finally {
			signal.removeEventListener('abort', stop);
			controller?.abort();
		}

		if (gone) {
			resourceVersion = undefined;
		}
	}
}
