import {randomBytes} from 'node:crypto';
import type {KubeClient} from '../cluster/kube-client.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {buildManifests, type Manifests} from '../manifests/build-manifests.ts';
import {dataKeys, names} from '../manifests/names.ts';
import type {ProxyInput} from '../options/parse-options.ts';
import {buildSettings} from '../settings/settings.ts';
import type {ProxySettings} from '../settings/types.ts';
import {clusterFacts} from './cluster-facts.ts';

export type Images = {readonly image: string; readonly pauseImage: string};

export type PreparedApply = {
	readonly settings: ProxySettings;
	readonly manifests: Manifests;
};

/** Validates the proxy flags without the cluster, so bad input fails before anything is contacted. */
export function checkProxyInput(input: ProxyInput): void {
	buildSettings({...input, requireProxy: true}, {clusterDomain: 'cluster.local', podCidrs: [], serviceCidrs: [], nodeInternalIps: []});
}

/** The settings with NO_PROXY defaults from the cluster, and the objects that carry them; its own requests go out while `listed` nodes are still being read. */
export async function prepareApply(client: KubeClient, namespace: string, input: ProxyInput, images: Images, listed: Promise<readonly NodeInfo[]> | readonly NodeInfo[]): Promise<PreparedApply> {
	const [serviceCidrs, storedKey, nodes] = await Promise.all([client.serviceCidrs(), client.readSecretValue(namespace, names.secret, dataKeys.settingsHashKey), listed]);
	const settings = buildSettings({...input, requireProxy: true}, clusterFacts(nodes, client.endpoint.server, serviceCidrs));
	// The same key as last time keeps the hash (and so the nodes) unchanged when the settings are.
	const settingsHashKey = storedKey ?? randomBytes(32).toString('hex');
	const nodeRuntimes = Object.fromEntries(nodes.flatMap(node => (node.runtime ? [[node.name, node.runtime]] : [])));
	const manifests = buildManifests(settings, {namespace, ...images, settingsHashKey, nodeRuntimes});
	return {settings, manifests};
}
