import type {V1DaemonSet} from '@kubernetes/client-node';
import {components, containerNames, dataKeys, labelKeys, names} from './names.ts';
import {scriptContainer, scriptVolumes} from './pod-parts.ts';
import {scriptDaemonSet} from './script-daemonset.ts';

export type RemoverOptions = {
	readonly namespace: string;
	readonly image: string;
	readonly pauseImage: string;
	readonly runtime?: string;
	readonly timeoutSeconds?: number;
	readonly scriptSums: string;
};

/** Deletes our drop-in and restarts the runtime; needs no credentials. */
export function buildRemoverDaemonSet(options: RemoverOptions): V1DaemonSet {
	return scriptDaemonSet({
		name: names.remover,
		namespace: options.namespace,
		component: components.remover,
		holdLabel: labelKeys.removeHold,
		initContainer: scriptContainer({
			name: containerNames.remove,
			image: options.image,
			script: dataKeys.removeScript,
			runtime: options.runtime,
			timeoutSeconds: options.timeoutSeconds,
			mountSecret: false,
			scriptSums: options.scriptSums,
		}),
		pauseImage: options.pauseImage,
		volumes: scriptVolumes({mountSecret: false}),
	});
}
