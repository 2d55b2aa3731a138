// The bench's own watches (as admin, so the audit log leaves them out): when
// each injector pod appeared and became Ready, and when each node lost its
// hold label. Times are performance.now() as the events arrive here, on the
// same clock as timed-run.ts.

import {KubeConfig, Watch, type V1Node, type V1Pod} from '@kubernetes/client-node';

export type PodTimes = {
	readonly node: string;
	readonly createdAt: number;
	readyAt?: number;
};

type Watched = {metadata?: {resourceVersion?: string}; code?: number};

/**
 * A watch that resumes where it stopped when the API server closes it (it
 * closes slow watchers during event bursts), until stop().
 */
async function keepWatching<T extends Watched>(config: KubeConfig, path: string, query: Record<string, string | boolean>, onEvent: (type: string, object: T) => void) {
	const watch = new Watch(config);
	let resourceVersion: string | undefined;
	let stopped = false;
	let controller: AbortController | undefined;
	let restarts = 0;
	let failure: unknown;

	const start = async (): Promise<void> => {
		controller = await watch.watch(path, {...query, allowWatchBookmarks: true, ...(resourceVersion && {resourceVersion})}, (type: string, object: T) => {
			if (type === 'ERROR') {
				// 410 Gone: our version is compacted away; start again from now.
				resourceVersion = undefined;
				return;
			}

			resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
			if (type !== 'BOOKMARK') {
				onEvent(type, object);
			}
		}, (error: unknown) => {
			if (stopped) {
				return;
			}

			restarts++;
			if (restarts > 50) {
				failure = error ?? new Error(`watch of ${path} keeps closing`);
				return;
			}

			start().catch((error_: unknown) => {
				failure = error_;
			});
		});
	};

	await start();
	return {
		restarts: () => restarts,
		check() {
			if (failure) {
				throw failure instanceof Error ? failure : new Error(String(failure));
			}
		},
		stop() {
			stopped = true;
			controller?.abort();
		},
	};
}

function isReady(pod: V1Pod): boolean {
	return pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false;
}

export type PodRecorder = Awaited<ReturnType<typeof recordPods>>;

/** Every pod matching `labelSelector` in `namespace` from now on, by uid. */
export async function recordPods(kubeconfig: string, namespace: string, labelSelector: string) {
	const config = new KubeConfig();
	config.loadFromFile(kubeconfig);
	const pods = new Map<string, PodTimes>();
	const watching = await keepWatching<V1Pod>(config, `/api/v1/namespaces/${namespace}/pods`, {labelSelector}, (type, pod) => {
		const uid = pod.metadata?.uid;
		const node = pod.spec?.nodeName;
		if (!uid || !node || type === 'DELETED') {
			return;
		}

		const now = performance.now();
		let times = pods.get(uid);
		if (!times) {
			times = {node, createdAt: now};
			pods.set(uid, times);
		}

		if (times.readyAt === undefined && isReady(pod)) {
			times.readyAt = now;
		}
	});
	return {
		pods: () => [...pods.values()],
		readyCount: () => [...pods.values()].filter(pod => pod.readyAt !== undefined).length,
		restarts: watching.restarts,
		check: watching.check,
		stop: watching.stop,
	};
}

export type NodeReleaseRecorder = Awaited<ReturnType<typeof recordNodeReleases>>;

/** When each node that carried `label` lost it: the plugin releasing it to the DaemonSet. */
export async function recordNodeReleases(kubeconfig: string, label: string) {
	const config = new KubeConfig();
	config.loadFromFile(kubeconfig);
	const held = new Set<string>();
	const released = new Map<string, number>();
	const watching = await keepWatching<V1Node>(config, '/api/v1/nodes', {}, (_type, node) => {
		const name = node.metadata?.name;
		if (!name) {
			return;
		}

		if (node.metadata?.labels?.[label] !== undefined) {
			held.add(name);
		} else if (held.delete(name) && !released.has(name)) {
			released.set(name, performance.now());
		}
	});
	return {
		released: () => new Map(released),
		restarts: watching.restarts,
		check: watching.check,
		stop: watching.stop,
	};
}
