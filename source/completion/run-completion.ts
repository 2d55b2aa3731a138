import {type CompletionSources, completeWords, formatCompletion, type KubeWords} from './complete-words.ts';

/** A shell waits for completion while the user waits for the prompt: an unreachable cluster must not hold it longer. */
const clusterDeadlineMs = 5000;

async function withinDeadline<T>(work: Promise<T>, fallback: T): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<T>(resolve => {
		timer = setTimeout(() => resolve(fallback), clusterDeadlineMs);
		timer.unref();
	});
	try {
		return await Promise.race([work.catch(() => fallback), late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Contexts from the kubeconfig, nodes from the cluster; anything that fails offers nothing (completion never prints errors). */
function clusterSources(): CompletionSources {
	let nodes: ReturnType<CompletionSources['nodes']> | undefined;
	return {
		async contexts(kube: KubeWords) {
			const {kubeconfigContextNames} = await import('../cluster/load-kubeconfig.ts');
			try {
				return kubeconfigContextNames(kube);
			} catch {
				return [];
			}
		},
		nodes(kube: KubeWords) {
			nodes ??= withinDeadline((async () => {
				const [{loadKubeconfig}, {createKubeClient}] = await Promise.all([import('../cluster/load-kubeconfig.ts'), import('../cluster/kube-client.ts')]);
				const client = createKubeClient(loadKubeconfig(kube));
				return (await client.listNodes()).map(node => ({name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {}}));
			})(), []);
			return nodes;
		},
	};
}

/**
 * The hidden `__complete` entry that `kubectl_complete-proxyinject` calls:
 * `args` are the words after `kubectl proxyinject`, the last one the word
 * being completed (empty for a new word). Always exits 0.
 */
export async function runCompletion(args: readonly string[], write: (text: string) => void, sources: CompletionSources = clusterSources()): Promise<number> {
	const words = args.slice(0, -1);
	const typing = args.at(-1) ?? '';
	write(formatCompletion(await completeWords(words, typing, sources)));
	return 0;
}
