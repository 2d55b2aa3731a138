import type {KubeClient} from '../cluster/kube-client.ts';
import {nodeCheck, type SettingsInForce} from '../drift/check-inputs.ts';
import {dropInAssignments} from '../drift/expected-host-files.ts';
import {decideDrift, type Drift} from '../drift/decide-drift.ts';
import {parseCheckReport} from '../drift/check-report.ts';
import {InterruptedError, OperationError} from '../errors.ts';
import type {PodObject} from '../inventory/objects.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {buildCheckPod} from '../manifests/check-pod.ts';
import {loadHostScripts} from '../manifests/host-scripts.ts';
import {dataKeys} from '../manifests/names.ts';
import {forEachLimited} from './limited.ts';
import {runNodePod} from './run-node-pod.ts';
import {readSettingsInForce} from './settings-in-force.ts';

export type CheckOptions = {
	readonly image: string;
	/** Per node: how long its check pod may take. */
	readonly timeoutMs: number;
	/** Check pods at once. */
	readonly parallel: number;
};

export type CheckProgress = {readonly node: string; readonly drift: Drift; readonly checked: number; readonly total: number};

// The kubelet's reasons for a container that will not start by itself.
const cannotStart = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerError', 'CreateContainerConfigError', 'RunContainerError']);

type PodAnswer = {readonly message?: string; readonly exitCode?: number} | {readonly problem: string};

function podAnswer(pod: PodObject): PodAnswer | undefined {
	const state = pod.status?.containerStatuses?.[0]?.state;
	if (state?.terminated) {
		return {message: state.terminated.message, exitCode: state.terminated.exitCode};
	}

	const reason = state?.waiting?.reason;
	if (reason && cannotStart.has(reason)) {
		return {problem: `the check pod cannot start: ${reason}: ${state?.waiting?.message ?? ''}`};
	}

	return pod.status?.phase === 'Failed' ? {problem: 'the check pod failed before it reported'} : undefined;
}

async function checkNode(client: KubeClient, namespace: string, node: NodeInfo, settings: SettingsInForce, script: string, options: CheckOptions, signal: AbortSignal): Promise<Drift | undefined> {
	if (node.state === 'skipped' || node.runtime === undefined) {
		return {state: 'skipped', detail: node.reason || 'no runtime of a known kind'};
	}

	// checkDrift has made sure that the drop-in is one of ours.
	const check = nodeCheck({...node, runtime: node.runtime}, settings)!;

	const pod = buildCheckPod(namespace, node.name, options.image, script, check.inputs, Math.ceil(options.timeoutMs / 1000));
	const end = await runNodePod(client, pod, options.timeoutMs, signal, podAnswer).catch((error: unknown) => ({type: 'error' as const, message: error instanceof Error ? error.message : String(error)}));
	switch (end.type) {
		case 'decided': {
			if ('problem' in end.value) {
				return {state: 'unknown', detail: end.value.problem};
			}

			const report = parseCheckReport(end.value.message);
			return 'invalid' in report ? {state: 'unknown', detail: `${report.invalid} (exit code ${end.value.exitCode ?? '?'})`} : decideDrift(report, check.expected);
		}

		case 'deleted': {
			return {state: 'unknown', detail: 'the check pod was deleted before it reported'};
		}

		case 'timed-out': {
			return {state: 'unknown', detail: `no report within ${Math.round(options.timeoutMs / 1000)}s (last seen: ${end.last})`};
		}

		case 'error': {
			return {state: 'unknown', detail: `could not run the check pod: ${end.message}`};
		}

		case 'stopped': {
			return undefined;
		}
	}
}

/**
 * status --check: one short-lived, read-only pod per node (skipped nodes
 * aside), `parallel` at a time, each deleted however it ends. Ctrl-C stops
 * starting pods, deletes the running ones and ends with InterruptedError.
 */
export async function checkDrift(client: KubeClient, namespace: string, nodes: readonly NodeInfo[], options: CheckOptions, signal: AbortSignal, onChecked: (progress: CheckProgress) => void): Promise<ReadonlyMap<string, Drift>> {
	const settings = await readSettingsInForce(client, namespace);
	if (settings.applied && dropInAssignments(settings.dropIn) === undefined) {
		throw new OperationError('the drop-in in the cluster is not one kubectl-proxyinject renders (an edited ConfigMap or Secret?)', 'Run apply again: its pods would refuse this drop-in too.');
	}

	const script = loadHostScripts()[dataKeys.checkScript];
	if (script === undefined) {
		throw new Error(`The host script ${dataKeys.checkScript} is missing: the installation is incomplete.`);
	}

	const drifts = new Map<string, Drift>();
	await forEachLimited(nodes, options.parallel, async node => {
		if (signal.aborted) {
			return;
		}

		const drift = await checkNode(client, namespace, node, settings, script, options, signal);
		if (drift) {
			drifts.set(node.name, drift);
			onChecked({node: node.name, drift, checked: drifts.size, total: nodes.length});
		}
	});
	if (signal.aborted) {
		throw new InterruptedError('Stopped by a signal.');
	}

	return drifts;
}
