import type {RemovalManifests} from '../manifests/build-manifests.ts';
import {annotationKeys, containerNames, holdReasons, labelKeys, names} from '../manifests/names.ts';
import type {RolloutPlan} from '../plan/types.ts';
import {labelNodes} from './label-nodes.ts';
import {podsGone} from './pods-gone.ts';
import {componentSelector} from './read-inventory.ts';
import {nodesLabelled, nodesToHold, rollOut, type RunContext} from './roll-out.ts';
import {finishedEvent} from './run-batches.ts';

/** How long remove waits for the injector's pods to stop: their grace period is 5 s. */
const injectorStopMs = 60_000;

/**
 * Stops injecting first, runs the remover node by node, and only when every
 * node is clean deletes what the plugin created; otherwise everything stays
 * so that running remove again finishes the job.
 */
export async function runRemove(plan: RolloutPlan, manifests: RemovalManifests, context: RunContext): Promise<void> {
	const {client, namespace, emit, signal} = context;
	const {cluster} = plan;
	// Interrupted while planning or confirming: nothing may be written.
	signal.throwIfAborted();
	if (await client.deleteIfExists({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: names.injector, namespace}})) {
		emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.injector, action: 'deleted'});
	}

	// A stopping injector run may still be at work on its node. The node side
	// serialises the two anyway (a lock, and a pending restart is awaited), so
	// after the wait the rollout goes on and the node side sorts it out.
	await podsGone(client, namespace, componentSelector('injector'), injectorStopMs, signal);

	await labelNodes(client, nodesLabelled(cluster, labelKeys.hold), labelKeys.hold, null);
	const holds = nodesToHold(plan, cluster.nodes, labelKeys.removeHold).queued;
	await labelNodes(client, holds, labelKeys.removeHold, holdReasons.queued);
	const held = new Set([...nodesLabelled(cluster, labelKeys.removeHold), ...holds]);

	await client.serverSideApply(manifests.configMap);
	await client.serverSideApply(manifests.remover);
	emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.remover, action: cluster.installedHash === undefined ? 'created' : 'applied'});

	const result = await rollOut(plan, context, {
		component: 'remover',
		container: containerNames.remove,
		holdLabel: labelKeys.removeHold,
		held,
		hash: manifests.remover.spec?.template.metadata?.annotations?.[annotationKeys.settingsHash],
	});

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

		// `held` started as every node carrying the label and follows every change since.
		await labelNodes(client, [...held], labelKeys.removeHold, null);
	}

	emit(finishedEvent(plan, result, `${context.resumeCommand}    # removes from the nodes that are left`));
}
