import {buildNodePod} from './node-pod.ts';

/** The container that pulls the image; its state says whether the pull went through. */
export const verifyContainer = 'pull';

/**
 * --verify-image: a pod that makes one node's runtime pull the image now
 * (imagePullPolicy Always), through whatever proxy the runtime has. What it
 * runs does not matter, only whether its image arrives.
 */
export function buildVerifyPod(namespace: string, node: string, image: string, timeoutSeconds: number) {
	return buildNodePod('verify', namespace, node, timeoutSeconds, {
		containers: [{
			name: verifyContainer,
			image,
			imagePullPolicy: 'Always',
			securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}},
			resources: {requests: {cpu: '1m', memory: '8Mi'}, limits: {memory: '64Mi'}},
		}],
	});
}
