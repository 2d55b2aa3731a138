import type {KubeClient} from '../cluster/kube-client.ts';
import {watchPods} from '../cluster/watch-pods.ts';
import type {PodObject} from '../inventory/objects.ts';
import {podSettingsHash} from '../inventory/pod-progress.ts';

/**
 * Keeps the latest state of our pods, node by node, from a watch, and wakes
 * whoever waits when any of them changes: progress is driven by the watch,
 * never by polling.
 */
export function trackPods(client: KubeClient, namespace: string, selector: string, hash: string | undefined, outer: AbortSignal) {
	// The watch lives until the rollout closes it or the user interrupts.
	const lifetime = new AbortController();
	const signal = lifetime.signal;
	const stop = () => lifetime.abort();
	outer.addEventListener('abort', stop, {once: true});
	const pods = new Map<string, PodObject>();
	// Nodes whose pod changed since the rollout last looked: it re-checks only
	// those, and a change that came while it was busy is never missed.
	let changedNodes = new Set<string>();
	let waiters: (() => void)[] = [];
	let failure: unknown;
	const notify = () => {
		const current = waiters;
		waiters = [];
		for (const wake of current) {
			wake();
		}
	};

	const matches = (pod: PodObject) => !pod.metadata?.deletionTimestamp && (hash === undefined || podSettingsHash(pod) === hash);
	const keyOf = (pod: PodObject) => pod.spec?.nodeName ?? '';

	const done = (async () => {
		try {
			for await (const change of watchPods(client, namespace, selector, signal)) {
				if (change.type === 'reset') {
					for (const node of pods.keys()) {
						changedNodes.add(node);
					}

					pods.clear();
					for (const pod of change.pods) {
						if (matches(pod)) {
							pods.set(keyOf(pod), pod);
							changedNodes.add(keyOf(pod));
						}
					}
				} else if (change.type === 'upsert' && matches(change.pod)) {
					pods.set(keyOf(change.pod), change.pod);
					changedNodes.add(keyOf(change.pod));
				} else if (pods.get(keyOf(change.pod))?.metadata?.uid === change.pod.metadata?.uid) {
					pods.delete(keyOf(change.pod));
					changedNodes.add(keyOf(change.pod));
				}

				notify();
			}
		} catch (error) {
			failure = error;
			notify();
		}
	})();

	return {
		pod(node: string): PodObject | undefined {
			return pods.get(node);
		},
		/** The nodes whose pod changed since the last call. */
		takeChanged(): ReadonlySet<string> {
			const taken = changedNodes;
			changedNodes = new Set();
			return taken;
		},
		/** Resolves once a change is waiting to be taken, at `deadline` (ms since epoch), or on abort; rethrows a watch that failed for good. */
		async changed(deadline: number): Promise<void> {
			if (failure) {
				throw failure;
			}

			if (changedNodes.size > 0) {
				return;
			}

			await new Promise<void>(resolve => {
				const timer = setTimeout(finish, Math.max(0, deadline - Date.now()));
				signal.addEventListener('abort', finish, {once: true});
				waiters.push(finish);
				function finish() {
					clearTimeout(timer);
					signal.removeEventListener('abort', finish);
					resolve();
				}
			});
			if (failure) {
				throw failure;
			}
		},
		close() {
			outer.removeEventListener('abort', stop);
			lifetime.abort();
		},
		done,
	};
}

export type PodTracker = ReturnType<typeof trackPods>;
