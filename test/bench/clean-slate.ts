// Puts a bench cluster back to "nothing installed" between runs, as admin
// (so the audit log, which records the bench user only, leaves it out):
// deleting the objects directly is much faster than a removal rollout.

import type {TestCluster} from '../cluster/cluster.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {selectorLabels} from '../../source/manifests/labels.ts';
import {labelKeys, names} from '../../source/manifests/names.ts';

export const namespace = 'kube-system';

export const selectors = {
	injector: Object.entries(selectorLabels('injector')).map(([key, value]) => `${key}=${value}`).join(','),
	managed: `${labelKeys.managedBy}=kubectl-proxyinject`,
} as const;

async function kubectlOrThrow(cluster: TestCluster, args: readonly string[]): Promise<string> {
	const result = await cluster.kubectl(args);
	if (result.code !== 0) {
		throw new Error(`kubectl ${args.join(' ')}: ${result.stderr.trim()}`);
	}

	return result.stdout;
}

/** Deletes both DaemonSets (and waits for their pods to be gone), the ConfigMap, the Secret and the hold labels. */
export async function cleanSlate(cluster: TestCluster, timeoutMs = 300_000): Promise<void> {
	await kubectlOrThrow(cluster, ['delete', 'daemonset', names.injector, names.remover, '-n', namespace, '--ignore-not-found', '--cascade=foreground', `--timeout=${Math.round(timeoutMs / 1000)}s`]);
	await kubectlOrThrow(cluster, ['delete', 'configmap,secret', '-n', namespace, '-l', selectors.managed, '--ignore-not-found']);
	await waitFor(async () => ((await kubectlOrThrow(cluster, ['get', 'pods', '-n', namespace, '-l', selectors.managed, '-o', 'name'])).trim() === '' ? true : undefined), {
		what: 'the injector and remover pods to be gone',
		timeoutMs,
		pollMs: 500,
	});
	for (const label of [labelKeys.hold, labelKeys.removeHold]) {
		await kubectlOrThrow(cluster, ['label', 'nodes', '-l', label, `${label}-`]);
	}
}
