import type {KubeClient} from '../cluster/kube-client.ts';
import {watchPods} from '../cluster/watch-pods.ts';

/**
 * Waits, by watch, until no pod matches `selector`; true when none is left,
 * false when `timeoutMs` passed first. Used by remove so that no injector run
 * is still at work on a node when its remover starts there.
 */
export async function podsGone(client: KubeClient, namespace: string, selector: string, timeoutMs: number, outer: AbortSignal): Promise<boolean> {
	const watch = new AbortController();
	const stop = () => watch.abort();
	const timer = setTimeout(stop, timeoutMs);
	outer.addEventListener('abort', stop, {once: true});
	const left = new Set<string>();
	try {
		for await (const change of watchPods(client, namespace, selector, watch.signal)) {
			if (change.type === 'reset') {
				left.clear();
				for (const pod of change.pods) {
					left.add(pod.metadata?.uid ?? '');
				}
			} else if (change.type === 'delete') {
				left.delete(change.pod.metadata?.uid ?? '');
			} else {
				left.add(change.pod.metadata?.uid ?? '');
			}

			if (left.size === 0) {
				return true;
			}
		}

		return false;
	} finally {
		clearTimeout(timer);
		outer.removeEventListener('abort', stop);
		outer.throwIfAborted();
	}
}
