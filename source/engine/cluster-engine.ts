import {createKubeClient, type KubeClient} from '../cluster/kube-client.ts';
import {loadKubeconfig} from '../cluster/load-kubeconfig.ts';
import {UsageError} from '../errors.ts';
import {buildRemovalManifests} from '../manifests/build-manifests.ts';
import type {KubeOptions, ProxyInput} from '../options/parse-options.ts';
import {planRollout} from '../plan/plan-rollout.ts';
import {selectNodes, selectsEveryNode} from '../plan/select-nodes.ts';
import {describeDroppedEntry} from '../settings/cluster-entries.ts';
import {describeCa} from '../settings/trusted-ca.ts';
import {maskSettings} from '../settings/settings.ts';
import {createChannel} from './channel.ts';
import type {Engine} from './engine.ts';
import type {EngineEvent} from './events.ts';
import {drainPreflight, preflight, verifyPreflight} from './preflight.ts';
import {prepareApply, type Images, type PreparedApply} from './prepare-apply.ts';
import {readInventory, type Inventory} from './read-inventory.ts';
import {runApply} from './run-apply.ts';
import {runRemove} from './run-remove.ts';
import {watchInventory} from './watch-inventory.ts';

const rolloutRetryBudgetMs = 120_000;
const reuseForMs = 10_000;

export type ClusterEngineOptions = {
	readonly kube: KubeOptions;
	/** Only for apply: the proxy flags as given. */
	readonly proxy?: ProxyInput;
	readonly images: Images;
	/** The command to run again to resume (credentials masked). */
	readonly resumeCommand: (operation: 'apply' | 'remove') => string;
	/**
	 * The rollout the command plans as soon as it is connected (no person in
	 * between): its permission checks go out together with the first read.
	 */
	readonly plans?: 'apply' | 'remove';
};

export type ClusterEngine = Engine & {
	readonly client: KubeClient;
	/** The objects apply writes (for --dry-run); absent without proxy settings. */
	readonly applyManifests?: PreparedApply['manifests'];
};

/** Connects (the first request proves the cluster is reachable) and returns the engine the views drive. */
export async function createClusterEngine(options: ClusterEngineOptions): Promise<ClusterEngine> {
	const loaded = loadKubeconfig(options.kube);
	const client = createKubeClient(loaded);
	const {namespace} = options.kube;
	const scope = {namespace, images: [options.images.image, options.images.pauseImage]};
	// Everything the first screen or plan needs is asked for at once; a failure
	// of the read itself is the one reported, as it was when they went in turn.
	const reading = readInventory(client, scope, 'injector');
	const preparing = options.proxy ? prepareApply(client, namespace, options.proxy, options.images, reading.then(read => read.nodes)) : undefined;
	const checking = options.plans === undefined ? undefined : {operation: options.plans, done: preflight(client, options.plans, namespace)};
	// Awaited by plan(); until then a refusal must not count as unhandled.
	checking?.done.catch(() => undefined);
	const [read, preparation] = await Promise.allSettled([reading, preparing]);
	if (read.status === 'rejected') {
		throw read.reason;
	}

	if (preparation.status === 'rejected') {
		throw preparation.reason;
	}

	const first = read.value;
	const prepared = preparation.value;
	const shown = prepared ? maskSettings(prepared.settings) : undefined;
	// The read made while connecting answers the first question asked right
	// after it (status, or a plan without a terminal in between), so that a
	// command lists every node and pod once. Used once and only while fresh:
	// after a person looked at a screen, the cluster is read again.
	let unused: Inventory | undefined = first;
	const takeFresh = () => {
		const connected = unused;
		unused = undefined;
		return connected && Date.now() - connected.base.at < reuseForMs ? connected : undefined;
	};

	return {
		client,
		applyManifests: prepared?.manifests,
		session: {
			context: loaded.context,
			server: loaded.server,
			namespace,
			httpProxy: shown?.httpProxy,
			httpsProxy: shown?.httpsProxy,
			noProxy: prepared?.settings.noProxy ?? [],
			noProxyDropped: prepared?.settings.droppedNoProxy?.map(entry => describeDroppedEntry(entry)),
			trustedCa: prepared?.settings.trustedCa?.certificates.map(certificate => describeCa(certificate)),
		},

		async inventory() {
			const connected = takeFresh();
			return (await readInventory(client, scope, 'injector', prepared?.manifests.settingsHash, connected?.base)).nodes;
		},

		watchInventory(signal) {
			return watchInventory(client, namespace, prepared?.manifests.settingsHash, signal);
		},

		async plan(operation, selection, rollout) {
			if (operation === 'apply' && !prepared) {
				throw new UsageError('apply needs a proxy: pass --http-proxy or --https-proxy (or both)', 'e.g. kubectl proxyinject apply --https-proxy http://proxy.corp:3128');
			}

			const connected = takeFresh();
			// The checks made while connecting hold while that read does.
			await (connected && checking?.operation === operation ? checking.done : preflight(client, operation, namespace));
			if (rollout.drainTimeoutMs !== undefined) {
				await drainPreflight(client);
			}

			if (operation === 'apply' && rollout.verifyImage !== undefined) {
				await verifyPreflight(client, namespace);
			}

			const hash = operation === 'apply' ? prepared?.manifests.settingsHash : undefined;
			const inventory = await readInventory(client, scope, operation === 'apply' ? 'injector' : 'remover', hash, connected?.base);
			if (operation === 'remove' && !selectsEveryNode(selection)) {
				throw new UsageError('remove works on every node: it cannot leave some nodes with the proxy and delete what configures them', 'Run remove without --nodes or -l, or pick every node.');
			}

			const targets = new Set(selectNodes(inventory.nodes, selection).map(node => node.name));
			const pods = Object.fromEntries([...inventory.pods].flatMap(([node, pod]) => (pod.metadata?.name ? [[node, pod.metadata.name]] : [])));
			return planRollout(operation, inventory.nodes, targets, rollout, {pods, installedHash: inventory.installedHash});
		},

		run(plan, controls, signal) {
			if (plan.operation === 'apply' && !prepared) {
				throw new UsageError('apply needs a proxy: pass --http-proxy or --https-proxy (or both)', 'e.g. kubectl proxyinject apply --https-proxy http://proxy.corp:3128');
			}

			const channel = createChannel<EngineEvent>();
			const context = {
				// From here on, a restarting API server must not end a rollout half-way; Ctrl-C still ends the waiting.
				client: client.retrying({budgetMs: rolloutRetryBudgetMs, signal}),
				namespace,
				controls,
				signal,
				emit: (event: EngineEvent) => channel.push(event),
				resumeCommand: options.resumeCommand(plan.operation),
			};
			channel.push({type: 'plan', at: Date.now(), operation: plan.operation, mode: plan.mode, parallel: plan.parallel, batches: plan.batches, upToDate: plan.upToDate, skipped: plan.skipped});
			for (const node of plan.batches.flat()) {
				channel.push({type: 'node-phase', at: Date.now(), node, phase: 'held'});
			}

			const work =
				plan.operation === 'apply'
					? runApply(plan, prepared!, context)
					: runRemove(plan, buildRemovalManifests({namespace, ...options.images}), context);
			work.then(
				() => channel.close(),
				(error: unknown) => channel.close(error),
			);
			return channel;
		},
	};
}
