import type {KubernetesObject, V1DaemonSet, V1Namespace} from '@kubernetes/client-node';
import {nodeObject, podObject, type NodeObject, type PodObject} from '../inventory/objects.ts';
import type {PodRow} from '../inventory/pod-counts.ts';
import {podRowsOfPage, podTableAccept} from '../inventory/pod-rows.ts';
import {fieldManager} from '../manifests/names.ts';
import {explainApiError, httpStatus} from './api-errors.ts';
import {blockedEviction, type Eviction, namespaceTerminating} from './eviction.ts';
import {withRetries} from './transient.ts';
import {continueTokenAtHead} from './continue-token.ts';
import {createTransport, type Method, type RequestOptions} from './transport.ts';
import type {LoadedKubeconfig} from './load-kubeconfig.ts';

// Half of kubectl's 500: each page is parsed whole and dropped, and a page of
// 500 pods (2 MB of JSON) lived long enough to be promoted to the old
// generation, which set the peak memory at 5,000 nodes more than the nodes did.
const pageSize = 250;

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
	/** Every node, paged and reduced to the fields the plugin reads; of its images, only whether it lists those in `keepImages`. */
	readonly listNodes: (options?: {readonly labelSelector?: string; readonly keepImages?: readonly string[]}) => Promise<NodeObject[]>;
	/** Every node, and the list's resourceVersion: where a watch takes over. */
	readonly listNodesForWatch: () => Promise<{nodes: NodeObject[]; resourceVersion: string}>;
	/**
	 * Pages through every running or starting pod, handing each page over as
	 * whole objects, for `status -w` to start its pod watch from. Resolves with
	 * the list's resourceVersion, where the watch takes over.
	 */
	readonly forEachActivePodPage: (visit: (pods: readonly PodObject[]) => void) => Promise<string>;
	/** Pages through every running or starting pod as rows of the server's table: its node and whether it is starting. */
	readonly forEachActivePodRows: (visit: (rows: readonly PodRow[]) => void) => Promise<void>;
	/** Pods matching a selector in one namespace, paged and reduced to the fields the plugin reads. */
	readonly listPods: (namespace: string, labelSelector: string) => Promise<{pods: PodObject[]; resourceVersion: string}>;
	readonly readDaemonSet: (namespace: string, name: string) => Promise<V1DaemonSet | undefined>;
	/** The DaemonSet of that name as a list (empty when missing), for a watch to take over from. */
	readonly listDaemonSetNamed: (namespace: string, name: string) => Promise<{daemonSets: V1DaemonSet[]; resourceVersion: string}>;
	readonly readSecretValue: (namespace: string, name: string, key: string) => Promise<string | undefined>;
	/** A ConfigMap's data, or a Secret's decoded; undefined when missing, an error when forbidden. */
	readonly readObjectData: (namespace: string, kind: 'ConfigMap' | 'Secret', name: string) => Promise<Readonly<Record<string, string>> | undefined>;
	readonly readNamespace: (name: string) => Promise<V1Namespace | undefined>;
	readonly serverSideApply: <T extends KubernetesObject>(object: T, dryRun?: boolean) => Promise<T>;
	readonly deleteIfExists: (object: KubernetesObject) => Promise<boolean>;
	readonly deletePod: (namespace: string, name: string) => Promise<void>;
	readonly patchNodeLabels: (name: string, labels: Record<string, string | null>) => Promise<void>;
	/** Cordons (true) or uncordons (false) a node and sets or removes labels, in one merge patch. */
	readonly patchNodeCordon: (name: string, unschedulable: boolean, labels: Record<string, string | null>) => Promise<void>;
	/** Whether the node is cordoned, and its labels; undefined when it is gone. */
	readonly readNodeCordon: (name: string) => Promise<{unschedulable: boolean; labels: Readonly<Record<string, string>>} | undefined>;
	/** Every pod bound to the node, as the API's JSON (the drain decides from owners and annotations). */
	readonly listPodsOnNode: (node: string) => Promise<unknown[]>;
	/** Asks the Eviction API to evict a pod; a PodDisruptionBudget that forbids it now is `blocked`, not an error. */
	readonly evictPod: (namespace: string, name: string) => Promise<Eviction>;
	readonly podLogTail: (namespace: string, pod: string, container: string, lines: number) => Promise<string[]>;
	readonly missingPermissions: (checks: readonly AccessCheck[]) => Promise<AccessCheck[]>;
	readonly apiGroupNames: () => Promise<string[]>;
	readonly serviceCidrs: () => Promise<string[]>;
	/** Starts one watch request; the controller ends it. */
	readonly watch: (path: string, query: Record<string, string | number | boolean | undefined>, onEvent: WatchEvent, onDone: (error?: unknown) => void) => Promise<AbortController>;
};

/** A list page as the API sends it: items, or a table's rows. */
type ListPage = {readonly items?: unknown[]; readonly metadata?: {readonly continue?: string; readonly resourceVersion?: string}};

/** How a list is paged: `accept` asks for another form than the objects (a table). */
type PageFormat = {readonly accept?: string; readonly limit: number};

// A page of table rows is about 25 times smaller than one of pods: kubectl's 500 costs no memory.
const tablePageSize = 500;

/** Where the objects the plugin writes live in the API: the few kinds it knows, no discovery requests. */
const resources: Readonly<Record<string, string>> = {ConfigMap: 'configmaps', Secret: 'secrets', DaemonSet: 'daemonsets', Pod: 'pods'};

function objectPath(object: KubernetesObject): string {
	const resource = resources[object.kind ?? ''];
	const {name, namespace} = object.metadata ?? {};
	if (!resource || !object.apiVersion || !name || !namespace) {
		throw new Error(`no API path for ${object.apiVersion ?? '?'} ${object.kind ?? '?'} ${namespace ?? ''}/${name ?? ''}`);
	}

	const group = object.apiVersion === 'v1' ? '/api/v1' : `/apis/${object.apiVersion}`;
	return `${group}/namespaces/${encodeURIComponent(namespace)}/${resource}/${encodeURIComponent(name)}`;
}

const segment = encodeURIComponent;

/** Zero budget by default: a command that cannot reach the cluster should say so at once. */
export function createKubeClient(loaded: LoadedKubeconfig, policy: RetryPolicy = {budgetMs: 0}): KubeClient {
	const {config} = loaded;
	const transport = createTransport(config, loaded.tlsIdentity);

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

	async function json<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
		return JSON.parse(await transport.request(method, path, options)) as T;
	}

	/**
	 * A list, page by page as kubectl reads it (limit/continue), each page
	 * handed to `visit` and then dropped. The next page is asked for before
	 * this one is parsed, when its token can be read from the start of the
	 * text: the server builds it meanwhile. Resolves with the resourceVersion.
	 */
	async function forEachPage(action: string, path: string, query: RequestOptions['query'], visit: (items: unknown[], page: ListPage) => void, format: PageFormat = {limit: pageSize}): Promise<string> {
		const fetchPage = (token?: string) => {
			const text = call(action, () => transport.request('GET', path, {query: {...query, limit: format.limit, continue: token}, accept: format.accept}));
			// Awaited once the current page is visited; a visit that throws first must not leave it unhandled.
			text.catch(() => undefined);
			return text;
		};

		let next: Promise<string> | undefined = fetchPage();
		let resourceVersion = '';
		while (next) {
			const text = await next;
			const early = continueTokenAtHead(text);
			next = early === undefined ? undefined : fetchPage(early);
			const page = JSON.parse(text) as ListPage;
			visit(page.items ?? [], page);
			// Every page of one list is the same snapshot: they all carry its version.
			resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
			const token = page.metadata?.continue || undefined;
			if (early === undefined && token) {
				next = fetchPage(token);
			}
		}

		return resourceVersion;
	}

	/** A ConfigMap's data, or a Secret's decoded; undefined when the answer is one of `missing` (default: 404). */
	async function objectData(namespace: string, kind: 'ConfigMap' | 'Secret', name: string, missing?: readonly number[]): Promise<Readonly<Record<string, string>> | undefined> {
		const object = await orUndefinedIfMissing(`read ${kind.toLowerCase()} ${namespace}/${name}`, () => json<{data?: Record<string, string>}>('GET', objectPath({apiVersion: 'v1', kind, metadata: {namespace, name}})), missing);
		const data = object?.data ?? (object && {});
		return kind === 'Secret' && data ? Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')])) : data;
	}

	async function listNodePages(labelSelector?: string, keepImages?: readonly string[]): Promise<{nodes: NodeObject[]; resourceVersion: string}> {
		const nodes: NodeObject[] = [];
		const resourceVersion = await forEachPage('list nodes', '/api/v1/nodes', {labelSelector}, items => {
			for (const item of items) {
				nodes.push(nodeObject(item, keepImages));
			}
		});
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

		async listNodes(options = {}) {
			return (await listNodePages(options.labelSelector, options.keepImages)).nodes;
		},

		async listNodesForWatch() {
			return listNodePages();
		},

		async forEachActivePodPage(visit) {
			// The API's JSON has the shape PodObject describes; nothing keeps it past the visit.
			return forEachPage('list pods', '/api/v1/pods', {fieldSelector: activePods}, items => visit(items as PodObject[]));
		},

		async forEachActivePodRows(visit) {
			await forEachPage('list pods', '/api/v1/pods', {fieldSelector: activePods, includeObject: 'None'}, (_items, page) => visit(podRowsOfPage(page)), {accept: podTableAccept, limit: tablePageSize});
		},

		async listPods(namespace: string, labelSelector: string) {
			const pods: PodObject[] = [];
			const resourceVersion = await forEachPage('list pods', `/api/v1/namespaces/${segment(namespace)}/pods`, {labelSelector}, items => {
				for (const item of items) {
					pods.push(podObject(item));
				}
			});
			return {pods, resourceVersion};
		},

		async readDaemonSet(namespace: string, name: string): Promise<V1DaemonSet | undefined> {
			return orUndefinedIfMissing(`read daemonset ${namespace}/${name}`, () => json<V1DaemonSet>('GET', `/apis/apps/v1/namespaces/${segment(namespace)}/daemonsets/${segment(name)}`));
		},

		async listDaemonSetNamed(namespace: string, name: string) {
			const list = await call(`list daemonset ${namespace}/${name}`, () =>
				json<{items?: V1DaemonSet[]; metadata?: {resourceVersion?: string}}>('GET', `/apis/apps/v1/namespaces/${segment(namespace)}/daemonsets`, {query: {fieldSelector: `metadata.name=${name}`}}),
			);
			return {daemonSets: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? ''};
		},

		/** Undefined when missing or forbidden: a user who may not read it is stopped by the preflight before any change. */
		async readSecretValue(namespace: string, name: string, key: string): Promise<string | undefined> {
			return (await objectData(namespace, 'Secret', name, [404, 403]))?.[key];
		},

		async readObjectData(namespace: string, kind: 'ConfigMap' | 'Secret', name: string) {
			return objectData(namespace, kind, name);
		},

		async readNamespace(name: string): Promise<V1Namespace | undefined> {
			return orUndefinedIfMissing(`read namespace ${name}`, () => json<V1Namespace>('GET', `/api/v1/namespaces/${segment(name)}`));
		},

		async serverSideApply<T extends KubernetesObject>(object: T, dryRun = false): Promise<T> {
			const what = `apply ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
			return call(what, () =>
				json<T>('PATCH', objectPath(object), {query: {fieldManager, force: true, dryRun: dryRun ? 'All' : undefined}, body: object, contentType: 'application/apply-patch+yaml'}),
			);
		},

		/** Deletes the object; reports whether it existed. */
		async deleteIfExists(object: KubernetesObject): Promise<boolean> {
			const what = `delete ${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
			const deleted = await orUndefinedIfMissing(what, () => transport.request('DELETE', objectPath(object), {body: {apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background'}}));
			return deleted !== undefined;
		},

		async deletePod(namespace: string, name: string): Promise<void> {
			await orUndefinedIfMissing(`delete pod ${namespace}/${name}`, () => transport.request('DELETE', `/api/v1/namespaces/${segment(namespace)}/pods/${segment(name)}`));
		},

		/** Sets (string) or removes (null) node labels with one merge patch. */
		async patchNodeLabels(name: string, labels: Record<string, string | null>): Promise<void> {
			await call(`label node ${name}`, () =>
				transport.request('PATCH', `/api/v1/nodes/${segment(name)}`, {query: {fieldManager}, body: {metadata: {labels}}, contentType: 'application/merge-patch+json'}),
			);
		},

		async patchNodeCordon(name: string, unschedulable: boolean, labels: Record<string, string | null>): Promise<void> {
			await call(`${unschedulable ? 'cordon' : 'uncordon'} node ${name}`, () =>
				transport.request('PATCH', `/api/v1/nodes/${segment(name)}`, {query: {fieldManager}, body: {metadata: {labels}, spec: {unschedulable}}, contentType: 'application/merge-patch+json'}),
			);
		},

		async readNodeCordon(name: string) {
			const node = await orUndefinedIfMissing(`read node ${name}`, () => json<{metadata?: {labels?: Record<string, string>}; spec?: {unschedulable?: boolean}}>('GET', `/api/v1/nodes/${segment(name)}`));
			return node && {unschedulable: node.spec?.unschedulable === true, labels: node.metadata?.labels ?? {}};
		},

		async listPodsOnNode(node: string): Promise<unknown[]> {
			const pods: unknown[] = [];
			await forEachPage(`list pods on node ${node}`, '/api/v1/pods', {fieldSelector: `spec.nodeName=${node}`}, items => {
				pods.push(...items);
			});
			return pods;
		},

		async evictPod(namespace: string, name: string): Promise<Eviction> {
			const body = {apiVersion: 'policy/v1', kind: 'Eviction', metadata: {name, namespace}};
			try {
				// Not through the retries: 429 is the budget's answer here, and the drain asks again at its own pace.
				await transport.request('POST', `/api/v1/namespaces/${segment(namespace)}/pods/${segment(name)}/eviction`, {body});
				return {type: 'evicted'};
			} catch (error) {
				const status = httpStatus(error);
				if (status === 404) {
					return {type: 'gone'};
				}

				if (status === 429) {
					return blockedEviction((error as {body?: unknown}).body);
				}

				if (status === 403 && namespaceTerminating((error as {body?: unknown}).body)) {
					return {type: 'namespace-terminating'};
				}

				throw explainApiError(error, loaded, `evict pod ${namespace}/${name}`);
			}
		},

		async podLogTail(namespace: string, pod: string, container: string, lines: number): Promise<string[]> {
			try {
				const text = await transport.request('GET', `/api/v1/namespaces/${segment(namespace)}/pods/${segment(pod)}/log`, {query: {container, tailLines: lines}});
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
						json<{status?: {allowed?: boolean}}>('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
							body: {
								apiVersion: 'authorization.k8s.io/v1',
								kind: 'SelfSubjectAccessReview',
								spec: {resourceAttributes: {verb: check.verb, resource: check.resource, group: check.group ?? '', subresource: check.subresource, namespace: check.namespace}},
							},
						}),
					);
					return review.status?.allowed ? undefined : check;
				}),
			);
			return results.filter((check): check is AccessCheck => check !== undefined);
		},

		async apiGroupNames(): Promise<string[]> {
			const list = await call('discover API groups', () => json<{groups?: {name: string}[]}>('GET', '/apis'));
			return (list.groups ?? []).map(group => group.name);
		},

		/** Service CIDRs where the API publishes them (ServiceCIDR objects); empty otherwise. */
		async serviceCidrs(): Promise<string[]> {
			try {
				const list = await json<{items?: {spec?: {cidrs?: string[]}}[]}>('GET', '/apis/networking.k8s.io/v1/servicecidrs');
				return (list.items ?? []).flatMap(item => item.spec?.cidrs ?? []);
			} catch {
				return [];
			}
		},
	};
}
