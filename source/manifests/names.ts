// Names and labels shared by the manifests, the engine and the tests: the
// only place they are spelled out.

export const managedBy = 'kubectl-proxyinject';
export const fieldManager = 'kubectl-proxyinject';

export const names = {
	configMap: 'proxyinject-config',
	secret: 'proxyinject-credentials',
	injector: 'proxyinject-injector',
	remover: 'proxyinject-remover',
} as const;

export const labelKeys = {
	name: 'app.kubernetes.io/name',
	component: 'app.kubernetes.io/component',
	managedBy: 'app.kubernetes.io/managed-by',
	/** On a node: the injector may not run there yet (node-by-node rollout). */
	hold: 'proxyinject.kubectl.dev/hold',
	/** On a node: the remover may not run there yet. */
	removeHold: 'proxyinject.kubectl.dev/remove-hold',
	/**
	 * On a node: --drain cordoned it, so the plugin uncordons it after (a node
	 * someone else cordoned is left as it is). A label, not an annotation: an
	 * interrupted run's leftovers are found by selector and seen in the plan's snapshot.
	 */
	cordoned: 'proxyinject.kubectl.dev/cordoned',
} as const;

/** Values of the hold labels: why the node is held. */
export const holdReasons = {
	/** Waiting for its batch in a rollout. */
	queued: 'queued',
	/** Not picked (--nodes / -l): kept out of the DaemonSet until a rollout picks it. */
	notPicked: 'not-picked',
	/** Its pod failed and the rollout took it out. */
	failed: 'failed',
} as const;

export const annotationKeys = {
	/** On the pod template: hash of the settings the pod applies. */
	settingsHash: 'proxyinject.kubectl.dev/settings-hash',
} as const;

export const defaultNamespace = 'kube-system';

/** Value of labelKeys.name on everything the plugin creates. */
export const appName = 'proxyinject';

/** Values of labelKeys.component. */
export const components = {
	config: 'config',
	credentials: 'credentials',
	injector: 'injector',
	remover: 'remover',
	/** --verify-image: the short-lived pod that makes a node pull that image. */
	verify: 'verify',
	/** status --check: the short-lived, read-only pod that reports a node's drift. */
	check: 'check',
} as const;

/** Container names in the injector and remover pods. */
export const containerNames = {
	inject: 'inject',
	remove: 'remove',
	pause: 'pause',
} as const;

/** Keys of the ConfigMap and the Secret. */
export const dataKeys = {
	injectScript: 'inject.sh',
	removeScript: 'remove.sh',
	/** Not run from the config map: status --check passes its text as the pod's command. */
	checkScript: 'check-drift.sh',
	dropIn: 'http-proxy.conf',
	/** --ca-file's certificates (public, so in the ConfigMap even with credentials); inject.sh derives the name from dropIn. */
	caBundle: 'http-proxy-ca.pem',
	settings: 'settings.json',
	/** "<node> <runtime>" lines: the runtime the API server reports, checked on the node. */
	nodeRuntimes: 'node-runtimes',
	/** In the Secret: key of the settings-hash HMAC, reused across applies. */
	settingsHashKey: 'settings-hash-key',
} as const;

/**
 * What a run writes to its container's termination message just before it
 * hands a docker restart to the host: that restart stops the run itself (exit
 * 137 or 143), and the kubelet reports the message with the exit, so the
 * plugin waits for the next run instead of calling the node failed.
 */
export const dockerHandoverMark = 'proxyinject: handed over: docker.service restart';

/** Where the kubelet reads the termination message in our containers. */
export const terminationLogPath = '/dev/termination-log';
