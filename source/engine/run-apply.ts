import {containerNames, holdReasons, labelKeys, names} from '../manifests/names.ts';
import type {RolloutPlan} from '../plan/types.ts';
import {labelNodes} from './label-nodes.ts';
import type {PreparedApply} from './prepare-apply.ts';
import {nodesLabelled, nodesToHold, rollOut, type RunContext} from './roll-out.ts';
import {finishedEvent} from './run-batches.ts';

/** Writes the objects, then releases the nodes batch by batch. */
export async function runApply(plan: RolloutPlan, prepared: PreparedApply, context: RunContext): Promise<void> {
	const {client, namespace, emit, signal} = context;
	const {cluster} = plan;
	// Interrupted while planning or confirming: nothing may be written.
	signal.throwIfAborted();
	const hash = prepared.manifests.settingsHash;
	const byName = new Map(cluster.nodes.map(node => [node.name, node]));

	const holds = nodesToHold(plan, cluster.nodes, labelKeys.hold);
	await labelNodes(client, holds.queued, labelKeys.hold, holdReasons.queued);
	await labelNodes(client, holds.notPicked, labelKeys.hold, holdReasons.notPicked);
	const held = new Set([...nodesLabelled(cluster, labelKeys.hold), ...holds.queued, ...holds.notPicked]);

	const {configMap, secret, injector} = prepared.manifests;
	await client.serverSideApply(configMap);
	emit({type: 'object-applied', at: Date.now(), kind: 'ConfigMap', name: names.configMap, action: 'applied'});
	if (secret) {
		await client.serverSideApply(secret);
		emit({type: 'object-applied', at: Date.now(), kind: 'Secret', name: names.secret, action: 'applied'});
	} else if (await client.deleteIfExists({apiVersion: 'v1', kind: 'Secret', metadata: {name: names.secret, namespace}})) {
		emit({type: 'object-applied', at: Date.now(), kind: 'Secret', name: names.secret, action: 'deleted'});
	}

	await client.serverSideApply(injector);
	const action = cluster.installedHash === undefined ? 'created' : cluster.installedHash === hash ? 'unchanged' : 'updated';
	emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.injector, action});

	const result = await rollOut(plan, context, {
		component: 'injector',
		container: containerNames.inject,
		holdLabel: labelKeys.hold,
		held,
		hash,
		async afterLift(node, lifted) {
			const stalePod = cluster.pods[node];
			// A node on its way (an interrupted run) keeps its pod; a stale or failed pod is replaced.
			if (!lifted && byName.get(node)?.state !== 'pending' && stalePod) {
				await client.deletePod(namespace, stalePod);
			}
		},
	});

	emit(finishedEvent(plan, result, `${context.resumeCommand}    # resumes; 'kubectl proxyinject remove' undoes`));
}
