import {
	ApisApi,
	AppsV1Api,
	AuthorizationV1Api,
	CoreV1Api,
	KubernetesObjectApi,
	NetworkingV1Api,
	PatchStrategy,
	setHeaderOptions,
	type KubernetesObject,
	type V1DaemonSet,
	type V1Namespace,
	type V1Node,
	type V1Pod,
} from '@kubernetes/client-node';
import {fieldManager} from '../manifests/names.ts';
import {explainApiError, httpStatus} from './api-errors.ts';
import {withRetries} from './transient.ts';
import {createTransport} from './transport.ts';
import type {LoadedKubeconfig} from './load-kubeconfig.ts';

const pageSize = 500;

/** The pods that occupy a node: finished ones no longer count. */
export const activePods = 'status.phase!=Succeeded,status.phase!=Failed';

export type AccessCheck = {
	readonly verb: string;
	readonly resource: string;
	readonly group?: string;
	readonly subresource?: string;
	readonly namespace?: string;
};

/** Keeps asking while the API server is briefly away (restarting during a rollout), until `budgetMs` is spent or `signal` aborts. */
export type RetryPolicy = {readonly budgetMs: number; readonly signal?: AbortSignal};

/** What a watch reports: the event type (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) and the object. */
export type WatchEvent = (type: string, object: unknown) => void;

/**
 * The only door to the cluster. Every call turns client errors into
 * OperationErrors that name the context and server.
 */
export type KubeClient = {
	readonly endpoint: {readonly context: string; readonly server: string};
	/** The same client, retrying transient failures under `policy` (a fresh one per rollout). */
	readonly retrying: (policy: RetryPolicy) => KubeClient;
	readonly listNodes: (labelSelector?: string) => Promise<V1Node[]>;
	/** Every node, and the list's resourceVersion: where a watch takes over. */
	readonly listNodesForWatch: () => Promise<{nodes: V1Node[]; resourceVersion: string}>;
	/** Resolves with the list's resourceVersion, where a watch takes over. */
	readonly forEachActivePodPage: (visit: (pods: readonly V1Pod[]) => void) => Promise<string>;
	readonly listPods: (namespace: string, labelSelector: string) => Promise<{pods: V1Pod[]; resourceVersion: string}>;
	readonly readDaemonSet: (namespace: string, name: string) => Promise<V1DaemonSet | undefined>;
	/** The DaemonSet of that name as a list (empty when missing), for a watch to take over from. */
	readonly listDaemonSetNamed: (namespace: string, name: string) => Promise<{daemonSets: V1DaemonSet[]; resourceVersion: string}>;
	readonly readSecretValue: (namespace: string, name: string, key: string) => Promise<string | undefined>;
	readonly readNamespace: (name: string) => Promise<V1Namespace | undefined>;
	readonly serverSideApply: <T extends KubernetesObject>(object: T, dryRun?: boolean) => Promise<T>;
	readonly deleteIfExists: (object: KubernetesObject) => Promise<boolean>;
	readonly deletePod: (namespace: string, name: string) => Promise<void>;
	readonly patchNodeLabels: (name: string, labels: Record<string, string | null>) => Promise<void>;
	readonly podLogTail: (namespace: string, pod: string, container: string, lines: number) => Promise<string[]>;
	readonly missingPermissions: (checks: readonly AccessCheck[]) => Promise<AccessCheck[]>;
	readonly apiGroupNames: () => Promise<string[]>;
	readonly serviceCidrs: () => Promise<string[]>;
	/** Starts one watch request; the controller ends it. */
	readonly watch: (path: string, query: Record<string, string | number | boolean | undefined>, onEvent: WatchEvent, onDone: (error?: unknown) => void) => Promise<AbortController>;
};

/** Zero budget by default: a command that cannot reach the cluster should say so at once. */
export function createKubeClient(loaded: LoadedKubeconfig, policy: RetryPolicy = {budgetMs: 0}): KubeClient {
	const {config} = loaded;
	const transport = createTransport(config, loaded.tlsIdentity);
	const {configuration} = transport;
	const core = new CoreV1Api(configuration);
	const apps = new AppsV1Api(configuration);
	const authorization = new AuthorizationV1Api(configuration);
	const networking = new NetworkingV1Api(configuration);
	const objects = new KubernetesObjectApi(configuration);
	const apis = new ApisApi(configuration);

	async function call<T>(action: string, request: () => Promise<T>): Promise<T> {
		try {
			return await withRetries(request, policy.budgetMs, policy.signal);
		} catch (error) {
			throw explainApiError(error, loaded, action);
		}
	}

	/** Undefined when the server answers with one of `statuses` (404 by default: the object is not there). */
	async function orUndefinedIfMissing<T>(action: string, request: () => Promise<T>, statuses: readonly number[] = [404]): Promise<T | undefined> {
		try {
			return await withRetries(request, policy.budgetMs, policy.signal);
		} catch (error) {
			if (statuses.includes(httpStatus(error) ?? 0)) {
				return undefined;
			}

			throw explainApiError(error, loaded, action);
		}
	}

	async function listNodePages(labelSelector?: string): Promise<{nodes: V1Node[]; resourceVersion: string}> {
		const nodes: V1Node[] = [];
		let token: string | undefined;
		let resourceVersion = '';
		do {
			const page = await call('list nodes', () => core.listNode({limit: pageSize, _continue: token, labelSelector}));
			nodes.push(...page.items);
			resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
			token = page.metadata?._continue || undefined;
		} while (token);
		return {nodes, resourceVersion};
	}

	return {
		endpoint: {context: loaded.context, server: loaded.server},

		retrying(next) {
			return createKubeClient(loaded, next);
		},

		async watch(path, query, onEvent, onDone) {
			const controller = new AbortController();
			transport.watch(path, query, onEvent, controller.signal).then(() => onDone(), (error: unknown) => onDone(error));
			return controller;
		},

		async listNodes(labelSelector?: string): Promise<V1Node[]> {
			return (await listNodePages(labelSelector)).nodes;
		},

		async listNodesForWatch() {
			return listNodePages();
		},

		/** Pages through every running or starting pod, handing each page over so that memory stays flat on large clusters. */
		async forEachActivePodPage(visit: (pods: readonly V1Pod[]) => void): Promise<string> {
			let token: string | undefined;
			let resourceVersion = '';
			do {
				const page = await call('list pods', () =>
					core.listPodForAllNamespaces({limit: pageSize, _continue: token, fieldSelector: activePods}),
				);
				visit(page.items);
				// Every page of one list is the same snapshot: they all carry its version.
				resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
				token = page.metadata?._continue || undefined;
			} while (token);
			return resourceVersion;
		},

		async listPods(namespace: string, labelSelector: string): Promise<{pods: V1Pod[]; resourceVersion: string}> {
			const list = await call('list pods', () => core.listNamespacedPod({namespace, labelSelector}));
			return {pods: list.items, resourceVersion: list.metadata?.resourceVersion ?? ''};
		},

		async readDaemonSet(namespace: string, name: string): Promise<V1DaemonSet | undefined> {
			return orUndefinedIfMissing(`read daemonset ${namespace}/${name}`, () => apps.readNamespacedDaemonSet({namespace, name}));
		},

		async listDaemonSetNamed(namespace: string, name: string) {
			const list = await call(`list daemonset ${namespace}/${name}`, () => apps.listNamespacedDaemonSet({namespace, fieldSelector: `metadata.name=${name}`}));
			return {daemonSets: list.items, resourceVersion: list.metadata?.resourceVersion ?? ''};
		},

		/** Undefined when missing or forbidden: a user who may not read it is stopped by the preflight before any change. */
		async readSecretValue(namespace: string, name: string, key: string): Promise<string | undefined> {
			const secret = await orUndefinedIfMissing(`read secret ${namespace}/${name}`, () => core.readNamespacedSecret({namespace, name}), [404, 403]);
			const value = secret?.data?.[key];
			return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
		},

		async readNamespace(name: string): Promise<V1Namespace | undefined> {
			return orUndefinedIfMissing(`read namespace ${name}`, () => core.readNamespace({name}));
		},

		async serverSideApply<T extends KubernetesObject>(object: T, dryRun = false): Promise<T> {
			const what = `apply ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
			return call(what, () => objects.patch(object, undefined, dryRun ? 'All' : undefined, fieldManager, true, PatchStrategy.ServerSideApply));
		},

		/** Deletes the object; reports whether it existed. */
		async deleteIfExists(object: KubernetesObject): Promise<boolean> {
			const what = `delete ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
			const deleted = await orUndefinedIfMissing(what, () => objects.delete(object, undefined, undefined, undefined, undefined, 'Background'));
			return deleted !== undefined;
		},

		async deletePod(namespace: string, name: string): Promise<void> {
			await orUndefinedIfMissing(`delete pod ${namespace}/${name}`, () => core.deleteNamespacedPod({namespace, name}));
		},

		/** Sets (string) or removes (null) node labels with one merge patch. */
		async patchNodeLabels(name: string, labels: Record<string, string | null>): Promise<void> {
			await call(`label node ${name}`, () =>
				core.patchNode({name, body: {metadata: {labels}}, fieldManager}, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)),
			);
		},

		async podLogTail(namespace: string, pod: string, container: string, lines: number): Promise<string[]> {
			try {
				const text = await core.readNamespacedPodLog({namespace, name: pod, container, tailLines: lines});
				return text.split('\n').filter(Boolean).slice(-lines);
			} catch {
				// A log that cannot be fetched must not hide the failure itself.
				return [];
			}
		},

		/** The checks the current user fails, all of them at once. */
		async missingPermissions(checks: readonly AccessCheck[]): Promise<AccessCheck[]> {
			const results = await Promise.all(
				checks.map(async check => {
					const review = await call('check permissions', () =>
						authorization.createSelfSubjectAccessReview({
							body: {spec: {resourceAttributes: {verb: check.verb, resource: check.resource, group: check.group ?? '', subresource: check.subresource, namespace: check.namespace}}},
						}),
					);
					return review.status?.allowed ? undefined : check;
				}),
			);
			return results.filter((check): check is AccessCheck => check !== undefined);
		},

		async apiGroupNames(): Promise<string[]> {
			const list = await call('discover API groups', () => apis.getAPIVersions());
			return list.groups.map(group => group.name);
		},

		/** Service CIDRs where the API publishes them (ServiceCIDR objects); empty otherwise. */
		async serviceCidrs(): Promise<string[]> {
			try {
				const list = await networking.listServiceCIDR();
				return list.items.flatMap(item => item.spec?.cidrs ?? []);
			} catch {
				return [];
			}
		},
	};
}
