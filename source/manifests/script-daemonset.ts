import type {V1Container, V1DaemonSet, V1Volume} from '@kubernetes/client-node';
import {labelsFor, selectorLabels, type Component} from './labels.ts';
import {pauseContainer, tolerateEverything} from './pod-parts.ts';

export type ScriptDaemonSetOptions = {
	readonly name: string;
	readonly namespace: string;
	readonly component: Component;
	/** Node label that keeps the pod off a node until the rollout releases it. */
	readonly holdLabel: string;
	readonly initContainer: V1Container;
	readonly pauseImage: string;
	readonly volumes: V1Volume[];
	readonly podAnnotations?: Record<string, string>;
};

/**
 * The shape shared by the injector and the remover: the init container does
 * the work once per pod start, the pause container keeps the pod (and so the
 * node's Ready state for the rollout) visible afterwards.
 */
export function scriptDaemonSet(options: ScriptDaemonSetOptions): V1DaemonSet {
	// Fresh objects everywhere: callers may edit one part of a manifest.
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name: options.name, namespace: options.namespace, labels: labelsFor(options.component)},
		spec: {
			selector: {matchLabels: selectorLabels(options.component)},
			// The plugin replaces pods node by node itself, after lifting holds.
			updateStrategy: {type: 'OnDelete'},
			template: {
				metadata: {
					labels: labelsFor(options.component),
					...(options.podAnnotations && {annotations: options.podAnnotations}),
				},
				spec: {
					hostPID: true,
					nodeSelector: {'kubernetes.io/os': 'linux'},
					affinity: {
						nodeAffinity: {
							requiredDuringSchedulingIgnoredDuringExecution: {
								nodeSelectorTerms: [{matchExpressions: [{key: options.holdLabel, operator: 'DoesNotExist'}]}],
							},
						},
					},
					tolerations: tolerateEverything(),
					priorityClassName: 'system-node-critical',
					automountServiceAccountToken: false,
					enableServiceLinks: false,
					terminationGracePeriodSeconds: 5,
					initContainers: [options.initContainer],
					containers: [pauseContainer(options.pauseImage)],
					volumes: options.volumes,
				},
			},
		},
	};
}
