import {createHash, randomBytes} from 'node:crypto';
import {labelsFor} from './labels.ts';
import {components} from './names.ts';

/**
 * A short-lived pod of the plugin on one node (--verify-image, status
 * --check): bound to the node by name (no scheduler, no hold label),
 * tolerating every taint like the injector, never restarted, and stopped by
 * the kubelet after `timeoutSeconds` even if the plugin dies before deleting
 * it. The name has a random part: an earlier pod of the same node may still
 * be terminating.
 */
export function buildNodePod<Spec extends object>(purpose: 'verify' | 'check', namespace: string, node: string, timeoutSeconds: number, spec: Spec) {
	const nodeId = createHash('sha256').update(node).digest('hex').slice(0, 10);
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: `proxyinject-${purpose}-${nodeId}-${randomBytes(3).toString('hex')}`,
			namespace,
			labels: labelsFor(components[purpose]),
		},
		spec: {
			nodeName: node,
			restartPolicy: 'Never',
			activeDeadlineSeconds: Math.max(30, timeoutSeconds),
			terminationGracePeriodSeconds: 0,
			automountServiceAccountToken: false,
			enableServiceLinks: false,
			tolerations: [{operator: 'Exists'}],
			...spec,
		},
	} as const;
}
