import type {KubeClient} from '../cluster/kube-client.ts';
import {forEachLimited} from './limited.ts';

export const requestConcurrency = 8;

/** Sets or removes one label on many nodes, a few requests at a time. */
export async function labelNodes(client: KubeClient, nodes: readonly string[], key: string, value: string | null): Promise<void> {
	await forEachLimited(nodes, requestConcurrency, async node => client.patchNodeLabels(node, {[key]: value}));
}
