// Which pods a drain evicts, the way `kubectl drain` decides: DaemonSet pods
// would only come back to the same node (their controller ignores the
// cordon) and mirror pods belong to the kubelet, so both stay; finished and
// terminating pods need nothing; a pod no controller recreates would be gone
// for good, so the drain refuses rather than delete it (kubectl needs
// --force for that).

export type PodRef = {readonly namespace: string; readonly name: string};

export type EvictionPlan = {
	readonly evict: readonly PodRef[];
	/** Pods that stop the drain, each with why. */
	readonly refused: readonly {readonly pod: PodRef; readonly reason: string}[];
};

type RawPod = {
	metadata?: {namespace?: string; name?: string; deletionTimestamp?: unknown; annotations?: Record<string, string>; ownerReferences?: {kind?: string; controller?: boolean}[]};
	status?: {phase?: string};
};

const mirrorAnnotation = 'kubernetes.io/config.mirror';

export function podsToEvict(pods: readonly unknown[]): EvictionPlan {
	const evict: PodRef[] = [];
	const refused: {pod: PodRef; reason: string}[] = [];
	for (const raw of pods) {
		const pod = (raw ?? {}) as RawPod;
		const ref = {namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? ''};
		const phase = pod.status?.phase;
		if (phase === 'Succeeded' || phase === 'Failed' || pod.metadata?.deletionTimestamp) {
			continue;
		}

		if (pod.metadata?.annotations?.[mirrorAnnotation] !== undefined) {
			continue;
		}

		const controller = pod.metadata?.ownerReferences?.find(owner => owner.controller === true);
		if (controller?.kind === 'DaemonSet') {
			continue;
		}

		if (controller === undefined) {
			refused.push({pod: ref, reason: 'no controller would recreate it elsewhere (delete or move it yourself, as kubectl drain --force would)'});
			continue;
		}

		evict.push(ref);
	}

	return {evict, refused};
}
