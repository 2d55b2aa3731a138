// A DaemonSet shaped like the plugin's injector (privileged, host PID, an
// init container then a pause container, on every Linux node whatever its
// taints), for checking what the test cluster does with such a thing.

export function privilegedDaemonSet(name: string, namespace: string): Record<string, unknown> {
	const labels = {'app.kubernetes.io/name': name};
	return {
		apiVersion: 'apps/v1',
		kind: 'DaemonSet',
		metadata: {name, namespace, labels},
		spec: {
			selector: {matchLabels: labels},
			updateStrategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1}},
			template: {
				metadata: {labels},
				spec: {
					nodeSelector: {'kubernetes.io/os': 'linux'},
					tolerations: [{operator: 'Exists'}],
					priorityClassName: 'system-node-critical',
					hostPID: true,
					automountServiceAccountToken: false,
					initContainers: [{
						name: 'inject',
						image: 'registry.k8s.io/build-image/debian-base:bookworm-v1.0.4',
						imagePullPolicy: 'IfNotPresent',
						command: ['sh', '-c', 'echo configured'],
						securityContext: {privileged: true},
					}],
					containers: [{
						name: 'pause',
						image: 'registry.k8s.io/pause:3.10',
						imagePullPolicy: 'IfNotPresent',
						resources: {requests: {cpu: '1m', memory: '8Mi'}},
					}],
				},
			},
		},
	};
}
