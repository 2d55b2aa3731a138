import type {KubeClient} from '../cluster/kube-client.ts';

const concurrency = 8;

/** Sets or removes one label on many nodes, a few requests at a time. */
export async function labelNodes(client: KubeClient, nodes: readonly string[], key: string, value: string | null): Promise<void> {
	const queue = [...nodes];
	const worker = async () => {
		for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
			await client.patchNodeLabels(node, {[key]: value});
		}
	};

	await Promise.all(Array.from({length: Math.min(concurrency, queue.length)}, worker));
}
