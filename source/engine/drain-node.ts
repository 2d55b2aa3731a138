import {abortableDelay} from '../abortable-delay.ts';
import type {KubeClient} from '../cluster/kube-client.ts';
import {podsToEvict, type PodRef} from '../inventory/pods-to-evict.ts';
import {labelKeys} from '../manifests/names.ts';
import {forEachLimited} from './limited.ts';

export type DrainOutcome =
	| {readonly type: 'drained'; readonly cordonedByUs: boolean}
	| {readonly type: 'failed'; readonly cordonedByUs: boolean; readonly reason: string}
	| {readonly type: 'interrupted'; readonly cordonedByUs: boolean};

/** How often a drain looks again at the node's pods and asks again for evictions a budget refused (kubectl drain: 5 s). */
const recheckMs = 2000;
const evictConcurrency = 4;

const named = (pod: PodRef) => `${pod.namespace}/${pod.name}`;

/**
 * Cordons the node (marking it as cordoned by the plugin, unless someone
 * else had cordoned it) and evicts its pods through the Eviction API until
 * none that must go is left, or `timeoutMs` passed: then the node fails,
 * naming the PodDisruptionBudget that refused (a blocked eviction is a
 * reason, never a hang). Uncordoning is the rollout's decision, not this.
 */
export async function drainNode(client: KubeClient, node: string, timeoutMs: number, signal: AbortSignal): Promise<DrainOutcome> {
	let cordonedByUs = false;
	try {
		return await drain(client, node, timeoutMs, signal, byUs => {
			cordonedByUs = byUs;
		});
	} catch (error) {
		// A refused request (permission, a webhook) fails this node; its cordon is still lifted by the rollout.
		return {type: 'failed', cordonedByUs, reason: `drain: ${error instanceof Error ? error.message : String(error)}`};
	}
}

async function drain(client: KubeClient, node: string, timeoutMs: number, signal: AbortSignal, cordoned: (byUs: boolean) => void): Promise<DrainOutcome> {
	const current = await client.readNodeCordon(node);
	if (!current) {
		return {type: 'failed', cordonedByUs: false, reason: 'drain: the node is gone'};
	}

	// A mark left by an interrupted run means the cordon is ours to lift.
	let cordonedByUs = current.labels[labelKeys.cordoned] !== undefined;
	if (!current.unschedulable) {
		// Counted as ours before the request: if it fails half-way, lifting a cordon that is not there is harmless.
		cordoned(true);
		await client.patchNodeCordon(node, true, {[labelKeys.cordoned]: 'true'});
		cordonedByUs = true;
	}

	cordoned(cordonedByUs);

	const deadline = Date.now() + timeoutMs;
	const evicted = new Set<string>();
	const blocked = new Map<string, {budget?: string; message: string}>();
	for (;;) {
		if (signal.aborted) {
			return {type: 'interrupted', cordonedByUs};
		}

		const pods = await client.listPodsOnNode(node);
		const plan = podsToEvict(pods);
		if (plan.refused.length > 0) {
			const [first] = plan.refused;
			return {type: 'failed', cordonedByUs, reason: `drain: pod ${named(first!.pod)}: ${first!.reason}`};
		}

		// Evicted pods are gone once they no longer show on the node (terminating ones still run).
		const present = new Set(pods.map(pod => {
			const metadata = (pod as {metadata?: {namespace?: string; name?: string}}).metadata;
			return `${metadata?.namespace ?? ''}/${metadata?.name ?? ''}`;
		}));
		const leaving = [...evicted].filter(name => present.has(name));
		if (plan.evict.length === 0 && leaving.length === 0) {
			return {type: 'drained', cordonedByUs};
		}

		if (Date.now() >= deadline) {
			const seconds = Math.round(timeoutMs / 1000);
			const [pod, refusal] = [...blocked].find(([name]) => present.has(name)) ?? [];
			const reason = pod && refusal
				? `drain: eviction of pod ${pod} refused by PodDisruptionBudget ${refusal.budget ?? '(unnamed)'} for ${seconds}s: ${refusal.message}`
				: `drain: pods still on the node after ${seconds}s: ${[...plan.evict.map(named), ...leaving].slice(0, 5).join(', ')}`;
			return {type: 'failed', cordonedByUs, reason};
		}

		await forEachLimited(plan.evict, evictConcurrency, async pod => {
			const answer = await client.evictPod(pod.namespace, pod.name);
			if (answer.type === 'blocked') {
				blocked.set(named(pod), answer);
			} else {
				blocked.delete(named(pod));
				evicted.add(named(pod));
			}
		});
		await abortableDelay(Math.min(recheckMs, Math.max(0, deadline - Date.now())), signal);
	}
}

/** Lifts a cordon the plugin set, and its mark; a node someone else cordoned is never passed here. */
export async function uncordonNode(client: KubeClient, node: string): Promise<void> {
	await client.patchNodeCordon(node, false, {[labelKeys.cordoned]: null});
}
