import type {NodeInfo, ProxyState} from '../inventory/types.ts';
import {groupMissingImages} from './missing-images.ts';
import type {ClusterSnapshot, Operation, RolloutOptions, RolloutPlan} from './types.ts';

const needsWork: ReadonlySet<ProxyState> = new Set(['stale', 'held', 'pending', 'failed', 'unconfigured']);

function byName(a: NodeInfo, b: NodeInfo): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let index = 0; index < items.length; index += size) {
		chunks.push(items.slice(index, index + size));
	}

	return chunks;
}

/**
 * Which targets need work and in what order: nodes already on their way
 * (an interrupted run) first, then by name, so every run releases nodes in
 * the same order and a resumed run never skips one.
 * `targets` undefined means every node; `cluster` adds what else was read
 * (pods, installed hash) to the plan's snapshot.
 */
export function planRollout(
	operation: Operation,
	nodes: readonly NodeInfo[],
	targets: ReadonlySet<string> | undefined,
	rollout: RolloutOptions,
	cluster: Omit<ClusterSnapshot, 'nodes'> = {pods: {}},
): RolloutPlan {
	const chosen = nodes.filter(node => targets === undefined || targets.has(node.name));
	const skipped = chosen.filter(node => node.state === 'skipped').map(node => ({node: node.name, reason: node.reason}));
	const upToDate = chosen.filter(node => node.state === 'configured').map(node => node.name).sort();
	const todo = chosen.filter(node => needsWork.has(node.state));
	const ordered = [...todo.filter(node => node.state === 'pending').sort(byName), ...todo.filter(node => node.state !== 'pending').sort(byName)];
	const imagesMissing = groupMissingImages(ordered);
	const size = rollout.mode === 'all' ? Math.max(ordered.length, 1) : rollout.parallel;
	return {
		operation,
		mode: rollout.mode,
		parallel: rollout.parallel,
		timeoutMs: rollout.timeoutMs,
		...(rollout.drainTimeoutMs !== undefined && {drainTimeoutMs: rollout.drainTimeoutMs}),
		...(operation === 'apply' && rollout.verifyImage !== undefined && {verifyImage: rollout.verifyImage}),
		batches: chunk(ordered.map(node => node.name), size),
		upToDate,
		skipped,
		disruptions: ordered.flatMap(node => (node.runtime ? [{node: node.name, runtime: node.runtime, pods: node.podsDisrupted}] : [])),
		...(imagesMissing.length > 0 && {imagesMissing}),
		cluster: {...cluster, nodes},
	};
}
