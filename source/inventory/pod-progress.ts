import type {ContainerStateObject, PodObject} from './objects.ts';
import type {NodePhase} from './types.ts';
import {annotationKeys, dockerHandoverMark} from '../manifests/names.ts';
import {type NodeReport, parseNodeReport} from './node-report.ts';

export type PodProgress = {
	readonly phase: Extract<NodePhase, 'pulling' | 'running' | 'done' | 'failed'>;
	readonly exitCode?: number;
	readonly reason?: string;
	/** What the node says it did, once done. */
	readonly report?: NodeReport;
};

const pullFailures = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/**
 * How docker reports a container that its restart stopped: 143 (TERM), 137
 * (KILL), or 255 when the daemon went down under it (seen on real nodes).
 * A run of ours that fails by itself exits 1.
 */
const stoppedByDockerRestart = new Set([137, 143, 255]);

/** A run that handed a docker restart to the host and was stopped by it: the kubelet starts it again, and that run reports the outcome. */
function stoppedByHandover(terminated: ContainerStateObject['terminated'] | undefined): boolean {
	return terminated !== undefined && stoppedByDockerRestart.has(terminated.exitCode) && (terminated.message ?? '').includes(dockerHandoverMark);
}

function pullFailure(waiting: ContainerStateObject['waiting'] | undefined): PodProgress | undefined {
	return waiting?.reason && pullFailures.has(waiting.reason) ? {phase: 'failed', reason: `${waiting.reason}: ${waiting.message ?? 'the node cannot pull the image'}`} : undefined;
}

/** Where one of our pods is, read from the status the kubelet reports. */
export function podProgress(pod: PodObject): PodProgress {
	const init = pod.status?.initContainerStatuses?.[0];
	const waiting = init?.state?.waiting;
	const terminated = init?.state?.terminated;
	const lastTerminated = init?.lastState?.terminated;
	if (stoppedByHandover(terminated) || (waiting && stoppedByHandover(lastTerminated))) {
		return {phase: 'running'};
	}

	if (terminated && terminated.exitCode !== 0) {
		return {phase: 'failed', exitCode: terminated.exitCode, reason: terminated.reason ?? 'Error'};
	}

	if (waiting?.reason === 'CrashLoopBackOff' || (waiting && lastTerminated && lastTerminated.exitCode !== 0)) {
		return {phase: 'failed', exitCode: lastTerminated?.exitCode, reason: waiting.reason ?? 'CrashLoopBackOff'};
	}

	// The pause container's image is pulled only once the init container is done: its pull can fail as well.
	const pull = pullFailure(waiting) ?? pullFailure(pod.status?.containerStatuses?.[0]?.state?.waiting);
	if (pull) {
		return pull;
	}

	const ready = pod.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false;
	if (ready || (terminated?.exitCode === 0 && pod.status?.phase === 'Running')) {
		const report = parseNodeReport(terminated?.message);
		return report ? {phase: 'done', report} : {phase: 'done'};
	}

	if (init?.state?.running || terminated?.exitCode === 0) {
		return {phase: 'running'};
	}

	return {phase: 'pulling'};
}

export function podSettingsHash(pod: PodObject): string | undefined {
	return pod.metadata?.annotations?.[annotationKeys.settingsHash];
}
