import type {PodObject} from './objects.ts';

/** What the kubelet reports about the one container of a --verify-image pod. */
export type PullOutcome =
	| {readonly pulled: true}
	| {readonly pulled: false; readonly message: string}
	/** Not decided yet: scheduled, or the image still being pulled. */
	| undefined;

// The reasons the kubelet gives while it cannot pull; each comes with the runtime's message.
const pullFailures = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);

// A container past its pull: running, exited, or refused after the image was there.
const afterPull = new Set(['CrashLoopBackOff', 'CreateContainerError', 'CreateContainerConfigError', 'RunContainerError']);

/**
 * Whether the node pulled the image, read from the pod's status. Only the
 * image matters: a container that starts, exits or cannot start had its
 * image, so the pull went through.
 */
export function pullOutcome(pod: PodObject): PullOutcome {
	const state = pod.status?.containerStatuses?.[0]?.state;
	if (state?.running || state?.terminated) {
		return {pulled: true};
	}

	const reason = state?.waiting?.reason;
	if (reason && pullFailures.has(reason)) {
		return {pulled: false, message: `${reason}: ${state?.waiting?.message ?? 'the node cannot pull the image'}`};
	}

	if (reason && afterPull.has(reason)) {
		return {pulled: true};
	}

	return undefined;
}
