// A pod that makes a real node's runtime pull an image now (imagePullPolicy
// Always), and what the kubelet then reports: pulled and running, or the
// pull error with the runtime's message.

import {randomBytes} from 'node:crypto';
import type {TestCluster} from '../cluster/cluster.ts';
import {waitFor} from '../cluster/wait-for.ts';

export type PullOutcome = {readonly pulled: true} | {readonly pulled: false; readonly reason: string; readonly message: string};

type PodStatus = {status?: {phase?: string; containerStatuses?: Array<{state?: {running?: unknown; waiting?: {reason?: string; message?: string}}}>}};

const pullFailures = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

export async function pullOnNode(cluster: TestCluster, node: string, image: string, namespace = 'default', timeoutMs = 240_000): Promise<PullOutcome> {
	const name = `pull-${randomBytes(3).toString('hex')}`;
	const pod = {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace},
		spec: {
			nodeName: node,
			automountServiceAccountToken: false,
			terminationGracePeriodSeconds: 0,
			tolerations: [{operator: 'Exists'}],
			containers: [{name: 'pulled', image, imagePullPolicy: 'Always'}],
		},
	};
	const created = await cluster.kubectl(['create', '-f', '-'], {input: JSON.stringify(pod)});
	if (created.code !== 0) {
		throw new Error(`creating pod ${name}: ${created.stderr.trim()}`);
	}

	try {
		let last = '';
		return await waitFor(async () => {
			const got = await cluster.kubectl(['get', 'pod', name, '-n', namespace, '-o', 'json']);
			const status = (JSON.parse(got.stdout || '{}') as PodStatus).status;
			const state = status?.containerStatuses?.[0]?.state;
			last = JSON.stringify(state ?? status?.phase ?? 'no status');
			if (state?.running) {
				return {pulled: true} as const;
			}

			const waiting = state?.waiting;
			if (waiting?.reason && pullFailures.has(waiting.reason)) {
				return {pulled: false, reason: waiting.reason, message: waiting.message ?? ''} as const;
			}

			return undefined;
		}, {what: `pod ${name} on ${node} to pull ${image} or fail to`, timeoutMs, pollMs: 1000}, () => last);
	} finally {
		await cluster.kubectl(['delete', 'pod', name, '-n', namespace, '--wait=false', '--grace-period=0', '--force']);
	}
}
