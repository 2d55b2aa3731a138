import type {NodeObject, PodObject} from './objects.ts';
import type {PodCount} from './pod-counts.ts';
import {holdReasons} from '../manifests/names.ts';
import {missingImages} from './node-images.ts';
import {podProgress, podSettingsHash} from './pod-progress.ts';
import {parseRuntime} from './runtime.ts';
import type {NodeReport} from './node-report.ts';
import type {NodeInfo, ProxyState} from './types.ts';

export type Wanted = {
	/** Settings hash the nodes should carry; undefined when nothing is installed. */
	readonly hash?: string;
	/** The label that holds a node back in the rollout being looked at. */
	readonly holdLabel: string;
	/** The images our pods run (script, pause): the nodes that do not list them are told apart. */
	readonly images?: readonly string[];
};

const holdReasonTexts: Record<string, string> = {
	[holdReasons.queued]: 'waiting for its turn in the rollout',
	[holdReasons.notPicked]: 'not picked for a rollout yet; apply with --nodes or -l to include it',
	[holdReasons.failed]: 'its pod failed; apply again to retry',
};

function skipReason(os: string, runtimeVersion: string): string {
	if (os !== 'linux') {
		return `${os || 'unknown'} node: no systemd runtime to configure`;
	}

	if (parseRuntime(runtimeVersion) === undefined) {
		const scheme = runtimeVersion.split('://')[0] || 'unknown';
		return `runtime "${scheme}" is not supported (containerd, docker, cri-o are)`;
	}

	return '';
}

function stateOf(node: NodeObject, pod: PodObject | undefined, wanted: Wanted): {state: ProxyState; reason: string; report?: NodeReport} {
	if (pod) {
		const progress = podProgress(pod);
		if (progress.phase === 'failed') {
			const code = progress.exitCode === undefined ? '' : ` (exit code ${progress.exitCode})`;
			return {state: 'failed', reason: `${progress.reason ?? 'failed'}${code}`};
		}

		if (progress.phase === 'done') {
			const report = progress.report && {report: progress.report};
			return wanted.hash === undefined || podSettingsHash(pod) === wanted.hash
				? {state: 'configured', reason: '', ...report}
				: {state: 'stale', reason: 'configured with other settings', ...report};
		}

		return {state: 'pending', reason: ''};
	}

	const hold = node.metadata?.labels?.[wanted.holdLabel];
	if (hold !== undefined) {
		return {state: 'held', reason: Object.hasOwn(holdReasonTexts, hold) ? holdReasonTexts[hold]! : holdReasonTexts[holdReasons.queued]!};
	}

	return {state: 'unconfigured', reason: ''};
}

/** One row of the inventory: pure, from the node, the pod counts and our pod on it. */
export function classifyNode(node: NodeObject, count: PodCount | undefined, pod: PodObject | undefined, wanted: Wanted): NodeInfo {
	const labels = node.metadata?.labels ?? {};
	const info = node.status?.nodeInfo;
	const os = labels['kubernetes.io/os'] ?? info?.operatingSystem ?? '';
	const runtimeVersion = info?.containerRuntimeVersion ?? '';
	const runtime = parseRuntime(runtimeVersion);
	const skip = skipReason(os, runtimeVersion);
	const {state, reason, report} = skip ? {state: 'skipped' as const, reason: skip, report: undefined} : stateOf(node, pod, wanted);
	const podsTotal = count?.total ?? 0;
	return {
		name: node.metadata?.name ?? '',
		ready: node.status?.conditions?.some(condition => condition.type === 'Ready' && condition.status === 'True') ?? false,
		os,
		arch: labels['kubernetes.io/arch'] ?? info?.architecture ?? '',
		labels,
		runtime,
		runtimeVersion,
		internalIps: node.status?.addresses?.flatMap(address => (address.type === 'InternalIP' && address.address !== undefined ? [address.address] : [])) ?? [],
		podCidrs: node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []),
		podsDisrupted: runtime === 'docker' ? podsTotal : (count?.starting ?? 0),
		podsTotal,
		state,
		reason,
		...(report && {report}),
		...(wanted.images && {missingImages: missingImages(node, wanted.images)}),
	};
}

