import type {RemovalManifests} from '../manifests/build-manifests.ts';
import {annotationKeys, containerNames, holdReasons, labelKeys, names} from '../manifests/names.ts';
import type {RolloutPlan} from '../plan/types.ts';
import {labelNodes} from './label-nodes.ts';
import {trackPods} from './pod-tracker.ts';
import {nodeHolds} from './node-holds.ts';
import {componentSelector} from './read-inventory.ts';
import type {RunContext} from './run-apply.ts';
import {nodesToHold} from './run-apply.ts';
import {finishedEvent, runBatches} from './run-batches.ts';

function labelled(context: RunContext, key: string): string[] {
	return context.inventory.rawNodes.filter(node => node.metadata?.labels?.[key] !== undefined).map(node => node.metadata?.name ?? '');
}

/**
 * Stops injecting first, runs the remover node by node, and only when every
 * node is clean deletes what the plugin created; otherwise everything stays
 * so that running remove again finishes the job.
 */
export async function runRemove(plan: RolloutPlan, manifests: RemovalManifests, context: RunContext): Promise<void> {
	const {client, namespace, inventory, emit, signal} = context;
	// Interrupted while planning or confirming: nothing may be written.
	signal.throwIfAborted();
	if (await client.deleteIfExists({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: names.injector, namespace}})) {
		emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.injector, action: 'deleted'});
	}

	await labelNodes(client, labelled(context, labelKeys.hold), labelKeys.hold, null);
	const holds = nodesToHold(plan, inventory.nodes, labelKeys.removeHold).queued;
	await labelNodes(client, holds, labelKeys.removeHold, holdReasons.queued);
	const held = new Set([...labelled(context, labelKeys.removeHold), ...holds]);

	await client.serverSideApply(manifests.configMap);
	await client.serverSideApply(manifests.remover);
	emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.remover, action: inventory.installedHash === undefined ? 'created' : 'applied'});

	const hash = manifests.remover.spec?.template.metadata?.annotations?.[annotationKeys.settingsHash];
	const tracker = trackPods(client, namespace, componentSelector('remover'), hash, signal);
	const hold = nodeHolds(client, namespace, labelKeys.removeHold, held, tracker);
	const result = await runBatches(plan, {
		client,
		namespace,
		container: containerNames.remove,
		tracker,
		controls: context.controls,
		signal,
		emit,
		async release(node) {
			await hold.lift(node);
		},
		retry: hold.retry,
		holdAgain: hold.holdAgain,
	}).finally(() => tracker.close());

	if (result.outcome === 'done') {
		for (const [kind, apiVersion, name] of [
			['DaemonSet', 'apps/v1', names.remover],
			['ConfigMap', 'v1', names.configMap],
			['Secret', 'v1', names.secret],
		] as const) {
			if (await client.deleteIfExists({apiVersion, kind, metadata: {name, namespace}})) {
				emit({type: 'object-applied', at: Date.now(), kind, name, action: 'deleted'});
			}
		}

		await labelNodes(client, [...held, ...labelled(context, labelKeys.removeHold).filter(node => !held.has(node))], labelKeys.removeHold, null);
	}

	emit(finishedEvent(plan, result, `${context.resumeCommand}    # removes from the nodes that are left`));
}
