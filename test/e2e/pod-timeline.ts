// Records, from a watch of its own, when each injector pod appeared and when
// it became Ready: the evidence that batches never overlap.

import {KubeConfig, Watch, type V1Pod} from '@kubernetes/client-node';

export type PodTimeline = {
	/** Node -> order in which its pod was first seen / became Ready (0-based sequence numbers). */
	readonly created: Map<string, number>;
	readonly ready: Map<string, number>;
	stop(): void;
};

export async function recordPodTimeline(kubeconfig: string, namespace = 'kube-system'): Promise<PodTimeline> {
	const config = new KubeConfig();
	config.loadFromFile(kubeconfig);
	const created = new Map<string, number>();
	const ready = new Map<string, number>();
	let sequence = 0;
	const controller = await new Watch(config).watch(
		`/api/v1/namespaces/${namespace}/pods`,
		{labelSelector: 'app.kubernetes.io/component=injector'},
		(_type, pod: V1Pod) => {
			const node = pod.spec?.nodeName;
			if (!node) {
				return;
			}

			if (!created.has(node)) {
				created.set(node, sequence++);
			}

			const isReady = pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True');
			if (isReady && !ready.has(node)) {
				ready.set(node, sequence++);
			}
		},
		() => {},
	);
	return {created, ready, stop: () => controller.abort()};
}
