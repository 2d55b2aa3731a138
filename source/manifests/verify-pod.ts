import {createHash, randomBytes} from 'node:crypto';
import {labelsFor} from './labels.ts';
import {components} from './names.ts';

/** The container that pulls the image; its state says whether the pull went through. */
export const verifyContainer = 'pull';

/**
 * --verify-image: a pod that makes one node's runtime pull the image now
 * (imagePullPolicy Always), through whatever proxy the runtime has. Bound to
 * the node by name (no scheduler, no hold label), tolerating every taint like
 * the injector, never restarted; what it runs does not matter, only whether
 * its image arrives. The name has a random part: an earlier pod of the same
 * node may still be terminating.
 */
export function buildVerifyPod(namespace: string, node: string, image: string, timeoutSeconds: number) {
	const nodeId = createHash('sha256').update(node).digest('hex').slice(0, 10);
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {
			name: `proxyinject-verify-${nodeId}-${randomBytes(3).toString('hex')}`,
			namespace,
			labels: labelsFor(components.verify),
		},
		spec: {
			nodeName: node,
			restartPolicy: 'Never',
			// The kubelet stops it even if the plugin dies before deleting it.
			activeDeadlineSeconds: Math.max(30, timeoutSeconds),
			terminationGracePeriodSeconds: 0,
			automountServiceAccountToken: false,
			enableServiceLinks: false,
			tolerations: [{operator: 'Exists'}],
			containers: [{
				name: verifyContainer,
				image,
				imagePullPolicy: 'Always',
				securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}},
				resources: {requests: {cpu: '1m', memory: '8Mi'}, limits: {memory: '64Mi'}},
			}],
		},
	} as const;
}
