import type {V1Pod} from '@kubernetes/client-node';
import type {NodePhase} from './types.ts';
import {annotationKeys} from '../manifests/names.ts';

export type PodProgress = {
	readonly phase: Extract<NodePhase, 'pulling' | 'running' | 'done' | 'failed'>;
	readonly exitCode?: number;
	readonly reason?: string;
};

const pullFailures = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/** Where one of our pods is, read from the status the kubelet reports. */
export function podProgress(pod: V1Pod): PodProgress {
	const init = pod.status?.initContainerStatuses?.[0];
	const waiting = init?.state?.waiting;
	const terminated = init?.state?.terminated;
	const lastTerminated = init?.lastState?.terminated;
	if (terminated && terminated.exitCode !== 0) {
		return {phase: 'failed', exitCode: terminated.exitCode, reason: terminated.reason ?? 'Error'};
	}

	if (waiting?.reason === 'CrashLoopBackOff' || (waiting && lastTerminated && lastTerminated.exitCode !== 0)) {
		return {phase: 'failed', exitCode: lastTerminated?.exitCode, reason: waiting.reason ?? 'CrashLoopBackOff'};
	}

	if (waiting?.reason && pullFailures.has(waiting.reason)) {
		return {phase: 'failed', reason: `${waiting.reason}: ${waiting.message ?? 'the node cannot pull the image'}`};
	}

	const ready = pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false;
	if (ready || (terminated?.exitCode === 0 && pod.status?.phase === 'Running')) {
		return {phase: 'done'};
	}

	if (init?.state?.running || terminated?.exitCode === 0) {
		return {phase: 'running'};
	}

	return {phase: 'pulling'};
}

export function podSettingsHash(pod: V1Pod): string | undefined {
	return pod.metadata?.annotations?.[annotationKeys.settingsHash];
}
