// Ordinary application pods bound to the fake nodes, so the plugin has pods a
// runtime restart would disrupt. On the first two nodes the last pod stays in
// ContainerCreating, like a pod still pulling its image.

import type {PlannedNode} from './node-plan.ts';
import {testLabels} from './test-labels.ts';

export const workloadNamespace = 'apps';

export type WorkloadPod = {readonly name: string; readonly node: string; readonly stuck: boolean};

export function planWorkloadPods(nodes: readonly PlannedNode[], perNode: number): WorkloadPod[] {
	return nodes.flatMap((node, nodeIndex) => Array.from({length: perNode}, (_, k) => ({
		name: `app-${node.name}-${k + 1}`,
		node: node.name,
		stuck: nodeIndex < 2 && perNode > 1 && k === perNode - 1,
	})));
}

export function workloadPodManifest(pod: WorkloadPod, os: string): Record<string, unknown> {
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: pod.name,
			namespace: workloadNamespace,
			labels: {
				app: 'web',
				[testLabels.workload]: 'true',
				...(pod.stuck ? {[testLabels.stuck]: 'ContainerCreating'} : {}),
			},
		},
		spec: {
			nodeName: pod.node,
			automountServiceAccountToken: false,
			containers: [{
				name: 'web',
				image: os === 'windows' ? 'mcr.microsoft.com/windows/nanoserver:ltsc2022' : 'registry.k8s.io/e2e-test-images/agnhost:2.53',
				resources: {requests: {cpu: '10m', memory: '16Mi'}},
			}],
		},
	};
}
