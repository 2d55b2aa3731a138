import type {KubeClient} from '../cluster/kube-client.ts';
import type {NodeInfo} from '../inventory/types.ts';
import {containerNames, holdReasons, labelKeys, names} from '../manifests/names.ts';
import type {RolloutPlan} from '../plan/types.ts';
import type {RolloutControls} from './controls.ts';
import type {EngineEvent} from './events.ts';
import {labelNodes} from './label-nodes.ts';
import type {PreparedApply} from './prepare-apply.ts';
import {nodeHolds} from './node-holds.ts';
import {componentSelector, type Inventory} from './read-inventory.ts';
import {finishedEvent, runBatches} from './run-batches.ts';
import {trackPods} from './pod-tracker.ts';

export type RunContext = {
	readonly client: KubeClient;
	readonly namespace: string;
	readonly inventory: Inventory;
	readonly controls: RolloutControls;
	readonly signal: AbortSignal;
	readonly emit: (event: EngineEvent) => void;
	/** Shown to the user to resume what is left. */
	readonly resumeCommand: string;
};

/** Nodes that must carry the hold label before the DaemonSet is written, so that it starts nowhere early, by the reason to put in the label. */
export function nodesToHold(plan: RolloutPlan, nodes: readonly NodeInfo[], holdLabel: string): {queued: string[]; notPicked: string[]} {
	const targets = new Set(plan.batches.flat());
	const free = nodes.filter(node => node.state !== 'skipped' && node.labels[holdLabel] === undefined);
	return {
		queued: free.filter(node => targets.has(node.name) && plan.mode === 'node-by-node' && (node.state === 'unconfigured' || node.state === 'failed')).map(node => node.name),
		// Nodes the user did not pick keep their state: no new pod lands there.
		notPicked: free.filter(node => !targets.has(node.name) && node.state === 'unconfigured' && !plan.upToDate.includes(node.name)).map(node => node.name),
	};
}

/** Writes the objects, then releases the nodes batch by batch. */
export async function runApply(plan: RolloutPlan, prepared: PreparedApply, context: RunContext): Promise<void> {
	const {client, namespace, inventory, emit, signal} = context;
	// Interrupted while planning or confirming: nothing may be written.
	signal.throwIfAborted();
	const hash = prepared.manifests.settingsHash;
	const byName = new Map(inventory.nodes.map(node => [node.name, node]));

	const holds = nodesToHold(plan, inventory.nodes, labelKeys.hold);
	await labelNodes(client, holds.queued, labelKeys.hold, holdReasons.queued);
	await labelNodes(client, holds.notPicked, labelKeys.hold, holdReasons.notPicked);
	const held = new Set([...inventory.nodes.filter(node => node.labels[labelKeys.hold] !== undefined).map(node => node.name), ...holds.queued, ...holds.notPicked]);

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
	const action = inventory.installedHash === undefined ? 'created' : inventory.installedHash === hash ? 'unchanged' : 'updated';
	emit({type: 'object-applied', at: Date.now(), kind: 'DaemonSet', name: names.injector, action});

	const tracker = trackPods(client, namespace, componentSelector('injector'), hash, signal);
	const hold = nodeHolds(client, namespace, labelKeys.hold, held, tracker);
	const result = await runBatches(plan, {
		client,
		namespace,
		container: containerNames.inject,
		tracker,
		controls: context.controls,
		signal,
		emit,
		async release(node) {
			const stalePod = inventory.pods.get(node)?.metadata?.name;
			// A node on its way (an interrupted run) keeps its pod; a stale or failed pod is replaced.
			if (!(await hold.lift(node)) && byName.get(node)?.state !== 'pending' && stalePod) {
				await client.deletePod(namespace, stalePod);
			}
		},
		retry: hold.retry,
		holdAgain: hold.holdAgain,
	}).finally(() => tracker.close());

	emit(finishedEvent(plan, result, `${context.resumeCommand}    # resumes; 'kubectl proxyinject remove' undoes`));
}
