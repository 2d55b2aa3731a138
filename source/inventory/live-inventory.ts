import type {V1DaemonSet} from '@kubernetes/client-node';
import type {NodeObject, PodObject} from './objects.ts';
import {annotationKeys} from '../manifests/names.ts';
import {classifyNode} from './classify-node.ts';
import {podsByNode} from './our-pod-per-node.ts';
import {isStarting, type PodCount} from './pod-counts.ts';
import type {NodeInfo} from './types.ts';

/** A change to one watched collection: the whole of it again (a list), or one object. */
export type Change<T> =
	| {readonly type: 'reset'; readonly items: readonly T[]}
	| {readonly type: 'upsert'; readonly object: T}
	| {readonly type: 'delete'; readonly object: T};

/** The four collections a node's row is made of. */
export type LiveChange =
	| {readonly source: 'nodes'; readonly change: Change<NodeObject>}
	/** Every active pod of the cluster: the counts of pods a restart disrupts. */
	| {readonly source: 'pods'; readonly change: Change<PodObject>}
	/** Our pods (injector): the proxy state. */
	| {readonly source: 'ours'; readonly change: Change<PodObject>}
	/** Our DaemonSet: the installed settings hash. */
	| {readonly source: 'daemonSet'; readonly change: Change<V1DaemonSet>};

export type LiveSource = LiveChange['source'];

/**
 * The inventory kept current from watch events. Its maps are updated in
 * place: a cluster-wide pod watch delivers an event per pod change, and
 * copying a map of every pod for each one would cost more than the event.
 * Only the functions of this file touch it.
 */
export type LiveInventory = {
	readonly holdLabel: string;
	/** The settings the nodes should carry; the installed DaemonSet's when undefined. */
	readonly wantedHash?: string;
	readonly nodes: Map<string, NodeObject>;
	/** Every active pod by uid: where it runs and whether it is starting, so that a change or delete can be counted out. */
	readonly pods: Map<string, {readonly node: string; readonly starting: boolean}>;
	readonly counts: Map<string, PodCount>;
	/** Our pods by node, then by uid. */
	readonly ours: Map<string, Map<string, PodObject>>;
	installedHash?: string;
	/** The collections listed at least once: rows are complete when all four are. */
	readonly listed: Set<LiveSource>;
};

const sources: readonly LiveSource[] = ['nodes', 'pods', 'ours', 'daemonSet'];

export function createLiveInventory(holdLabel: string, wantedHash?: string): LiveInventory {
	return {holdLabel, wantedHash, nodes: new Map(), pods: new Map(), counts: new Map(), ours: new Map(), listed: new Set()};
}

/** Every collection has been listed: the rows say what a one-off read would. */
export function isComplete(live: LiveInventory): boolean {
	return sources.every(source => live.listed.has(source));
}

const uidOf = (object: {metadata?: {uid?: string; name?: string; namespace?: string}}) => object.metadata?.uid ?? `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;

function countIn(live: LiveInventory, node: string, starting: boolean, by: 1 | -1): void {
	const count = live.counts.get(node) ?? {total: 0, starting: 0};
	count.total += by;
	count.starting += starting ? by : 0;
	if (count.total <= 0) {
		live.counts.delete(node);
	} else {
		live.counts.set(node, count);
	}
}

/** Records one pod (or its absence, for `undefined`) under its uid; returns the nodes whose counts moved. */
function placePod(live: LiveInventory, uid: string, pod: PodObject | undefined): string[] {
	const before = live.pods.get(uid);
	const node = pod?.spec?.nodeName;
	const after = node ? {node, starting: isStarting(pod!)} : undefined;
	if (before?.node === after?.node && before?.starting === after?.starting) {
		return [];
	}

	if (before) {
		countIn(live, before.node, before.starting, -1);
		live.pods.delete(uid);
	}

	if (after) {
		countIn(live, after.node, after.starting, 1);
		live.pods.set(uid, after);
	}

	return [before?.node, after?.node].filter((name): name is string => name !== undefined);
}

function placeOurs(live: LiveInventory, pod: PodObject, present: boolean): string[] {
	const uid = uidOf(pod);
	const moved: string[] = [];
	for (const [node, pods] of live.ours) {
		if (pods.delete(uid)) {
			moved.push(node);
			if (pods.size === 0) {
				live.ours.delete(node);
			}
		}
	}

	const node = pod.spec?.nodeName;
	if (present && node) {
		live.ours.set(node, (live.ours.get(node) ?? new Map()).set(uid, pod));
		moved.push(node);
	}

	return moved;
}

const everyNode = (live: LiveInventory) => [...live.nodes.keys()];

/** Folds one change in; returns the names of the nodes whose row may differ now (some may be gone). */
export function applyLiveChange(live: LiveInventory, {source, change}: LiveChange): ReadonlySet<string> {
	const touched = new Set<string>();
	const add = (names: Iterable<string>) => {
		for (const name of names) {
			touched.add(name);
		}
	};

	live.listed.add(source);
	switch (source) {
		case 'nodes': {
			if (change.type === 'reset') {
				add(everyNode(live));
				live.nodes.clear();
				for (const node of change.items) {
					live.nodes.set(node.metadata?.name ?? '', node);
				}

				add(everyNode(live));
			} else {
				const name = change.object.metadata?.name ?? '';
				if (change.type === 'upsert') {
					live.nodes.set(name, change.object);
				} else {
					live.nodes.delete(name);
				}

				touched.add(name);
			}

			break;
		}

		case 'pods': {
			if (change.type === 'reset') {
				const current = new Map(change.items.map(pod => [uidOf(pod), pod]));
				for (const uid of [...live.pods.keys()]) {
					if (!current.has(uid)) {
						add(placePod(live, uid, undefined));
					}
				}

				for (const [uid, pod] of current) {
					add(placePod(live, uid, pod));
				}
			} else {
				add(placePod(live, uidOf(change.object), change.type === 'upsert' ? change.object : undefined));
			}

			break;
		}

		case 'ours': {
			if (change.type === 'reset') {
				add(live.ours.keys());
				live.ours.clear();
				for (const pod of change.items) {
					add(placeOurs(live, pod, true));
				}
			} else {
				add(placeOurs(live, change.object, change.type === 'upsert'));
			}

			break;
		}

		case 'daemonSet': {
			const daemonSet = change.type === 'reset' ? change.items[0] : change.type === 'upsert' ? change.object : undefined;
			const hash = daemonSet?.spec?.template.metadata?.annotations?.[annotationKeys.settingsHash];
			if (hash !== live.installedHash) {
				live.installedHash = hash;
				// The wanted hash decides configured versus stale on every node.
				add(everyNode(live));
			}

			break;
		}
	}

	return touched;
}

/** The row of one node, as readInventory would give it; undefined when the node is gone. */
export function liveRow(live: LiveInventory, name: string): NodeInfo | undefined {
	const node = live.nodes.get(name);
	if (!node) {
		return undefined;
	}

	const hash = live.wantedHash ?? live.installedHash;
	const pod = podsByNode(live.ours.get(name)?.values() ?? [], hash).get(name);
	return classifyNode(node, live.counts.get(name), pod, {hash, holdLabel: live.holdLabel});
}
