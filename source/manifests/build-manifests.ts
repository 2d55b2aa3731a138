import {createHash} from 'node:crypto';
import type {V1ConfigMap, V1DaemonSet, V1Secret} from '@kubernetes/client-node';
import {settingsHash} from '../settings/settings-hash.ts';
import type {ProxySettings} from '../settings/types.ts';
import {buildConfigMap} from './configmap.ts';
import {daemonSetScripts, type HostScripts} from './host-scripts.ts';
import {buildInjectorDaemonSet} from './injector-daemonset.ts';
import {buildRemoverDaemonSet} from './remover-daemonset.ts';
import {buildSecret} from './secret.ts';
import {scriptSums} from './verified-run.ts';

export type ManifestOptions = {
	readonly namespace: string;
	readonly image: string;
	readonly pauseImage: string;
	/** Forces the runtime on every node; absent: each node's is detected. */
	readonly runtime?: string;
	/** How long the script waits for the runtime to be active again. */
	readonly timeoutSeconds?: number;
	/** Defaults to the scripts shipped beside this module. */
	readonly scripts?: HostScripts;
	/** HMAC key for the settings hash; stored in the Secret (see settingsHash). */
	readonly settingsHashKey?: string;
	/** Node name -> runtime from the API server, for the check on each node. */
	readonly nodeRuntimes?: Readonly<Record<string, string>>;
};

export type Manifests = {
	readonly configMap: V1ConfigMap;
	/** Present only when a proxy URL has credentials. */
	readonly secret?: V1Secret;
	readonly injector: V1DaemonSet;
	/** What the injector pods are annotated with. */
	readonly settingsHash: string;
};

export type RemovalManifests = {
	readonly configMap: V1ConfigMap;
	readonly remover: V1DaemonSet;
};

export function buildManifests(settings: ProxySettings, options: ManifestOptions): Manifests {
	const scripts = options.scripts ?? daemonSetScripts();
	// The key only protects a password: without credentials there is none.
	const hashKey = settings.hasCredentials ? options.settingsHashKey : undefined;
	const sums = scriptSums(scripts);
	// New scripts are new settings for a node: they roll the pods.
	const hash = settingsHash(settings, hashKey, sums);
	return {
		configMap: buildConfigMap({namespace: options.namespace, scripts, settings, settingsHash: hash, nodeRuntimes: options.nodeRuntimes}),
		...(settings.hasCredentials && {
			secret: buildSecret({namespace: options.namespace, settings, settingsHashKey: hashKey}),
		}),
		injector: buildInjectorDaemonSet({
			...options,
			settingsHash: hash,
			withCredentials: settings.hasCredentials,
			scriptSums: sums,
			...(settings.trustedCa && {caSha256: createHash('sha256').update(settings.trustedCa.pem).digest('hex')}),
		}),
		settingsHash: hash,
	};
}

export function buildRemovalManifests(options: ManifestOptions): RemovalManifests {
	const scripts = options.scripts ?? daemonSetScripts();
	return {
		configMap: buildConfigMap({namespace: options.namespace, scripts}),
		remover: buildRemoverDaemonSet({...options, scriptSums: scriptSums(scripts)}),
	};
}
