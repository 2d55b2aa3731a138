import type {V1Pod} from '@kubernetes/client-node';
import type {KubeClient} from './kube-client.ts';

export type PodChange =
	| {readonly type: 'reset'; readonly pods: readonly V1Pod[]}
	| {readonly type: 'upsert'; readonly pod: V1Pod}
	| {readonly type: 'delete'; readonly pod: V1Pod};

type Ended = {readonly ended: true; readonly error?: unknown};

const reconnectDelayMs = [250, 500, 1000, 2000, 5000];

function delay(ms: number, signal: AbortSignal): Promise<void> {
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
 * Pods matching a selector, as a stream of changes: a list, then a watch
 * from its resourceVersion. A dropped connection reconnects from the last
 * version seen; 410 Gone (history compacted) lists again and says `reset`.
 * Ends only when the signal aborts.
 */
export async function* watchPods(client: KubeClient, namespace: string, labelSelector: string, signal: AbortSignal): AsyncGenerator<PodChange> {
	let resourceVersion: string | undefined;
	let failures = 0;
	while (!signal.aborted) {
		if (resourceVersion === undefined) {
			try {
				const list = await client.listPods(namespace, labelSelector);
				resourceVersion = list.resourceVersion;
				failures = 0;
				yield {type: 'reset', pods: list.pods};
			} catch (error) {
				if (signal.aborted) {
					return;
				}

				// The list error is real (e.g. forbidden) only if it persists.
				if (++failures > reconnectDelayMs.length * 4) {
					throw error;
				}

				await delay(reconnectDelayMs[Math.min(failures, reconnectDelayMs.length) - 1]!, signal);
				continue;
			}
		}

		const queue: (PodChange | Ended)[] = [];
		let wake: (() => void) | undefined;
		const push = (item: PodChange | Ended) => {
			queue.push(item);
			wake?.();
		};

		let gone = false;
		let controller: AbortController | undefined;
		try {
			controller = await client.watch(
				`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
				{labelSelector, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: 240},
				(type, received) => {
					const object = received as V1Pod & {code?: number};
					if (type === 'BOOKMARK') {
						resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
					} else if (type === 'ERROR') {
						gone = object.code === 410;
						push({ended: true});
					} else {
						resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
						push(type === 'DELETED' ? {type: 'delete', pod: object} : {type: 'upsert', pod: object});
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
					// The abort listener goes when the wait ends: one left per event would pile up
					// (thousands in a large rollout, each making the next addEventListener slower).
					await new Promise<void>(resolve => {
						const done = () => {
							signal.removeEventListener('abort', done);
							resolve();
						};

						wake = done;
						signal.addEventListener('abort', done, {once: true});
					});
					wake = undefined;
					continue;
				}

				if ('ended' in item) {
					if (item.error && !signal.aborted) {
						await delay(reconnectDelayMs[Math.min(++failures, reconnectDelayMs.length) - 1]!, signal);
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
