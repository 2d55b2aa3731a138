// Labels (and an annotation) only the test cluster uses. They steer the fake kubelets (kwok) and
// never mean anything to the plugin.

export const testLabels = {
	/** On a node: "true" hands the node to the kwok controller whose pods crash-loop. */
	failing: 'test.proxyinject.kubectl.dev/failing',
	/** On a pod: "ContainerCreating" keeps it Pending as a kubelet would while it pulls. */
	stuck: 'test.proxyinject.kubectl.dev/stuck',
	/** Annotation on pods setNodeFailing nudged so kwok looks at them again. */
	handedOver: 'test.proxyinject.kubectl.dev/handed-over',
	/** On workload pods created by the harness. */
	workload: 'test.proxyinject.kubectl.dev/workload',
} as const;
