import type {V1DaemonSet} from '@kubernetes/client-node';
import {annotationKeys, components, containerNames, dataKeys, labelKeys, names} from './names.ts';
import {scriptContainer, scriptVolumes} from './pod-parts.ts';
import {scriptDaemonSet} from './script-daemonset.ts';

export type InjectorOptions = {
	readonly namespace: string;
	readonly image: string;
	readonly pauseImage: string;
	/** Goes on the pod template: a pod with another hash is stale. */
	readonly settingsHash: string;
	/**
	 * Mount the Secret only when the settings have credentials: a Secret left
	 * from earlier settings must not win over the ConfigMap's drop-in.
	 */
	readonly withCredentials: boolean;
	readonly runtime?: string;
	readonly timeoutSeconds?: number;
	readonly scriptSums: string;
	/** sha256 of --ca-file's bundle: the only CA bundle the pods accept (none when absent). */
	readonly caSha256?: string;
};

export function buildInjectorDaemonSet(options: InjectorOptions): V1DaemonSet {
	return scriptDaemonSet({
		name: names.injector,
		namespace: options.namespace,
		component: components.injector,
		holdLabel: labelKeys.hold,
		initContainer: scriptContainer({
			name: containerNames.inject,
			image: options.image,
			script: dataKeys.injectScript,
			runtime: options.runtime,
			timeoutSeconds: options.timeoutSeconds,
			mountSecret: options.withCredentials,
			scriptSums: options.scriptSums,
			caSha256: options.caSha256,
		}),
		pauseImage: options.pauseImage,
		volumes: scriptVolumes({mountSecret: options.withCredentials}),
		podAnnotations: {[annotationKeys.settingsHash]: options.settingsHash},
	});
}
