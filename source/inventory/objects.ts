import {heldImages, type ListedImage} from './node-images.ts';

// The parts of a Node and of a Pod that the plugin reads. Lists are decoded
// into these as they arrive, page by page, and everything else in an object
// is dropped at once: a large cluster's nodes and pods are never held whole.
// The shapes follow the API's JSON (a full object from the API, or a typed
// one, also fits), so the pure code reads them by the usual paths.

type Text = Readonly<Record<string, string>>;

export type NodeObject = {
	readonly metadata?: {readonly name?: string; readonly labels?: Text; readonly resourceVersion?: string};
	readonly spec?: {readonly podCIDR?: string; readonly podCIDRs?: readonly string[]};
	readonly status?: {
		readonly nodeInfo?: {readonly operatingSystem?: string; readonly architecture?: string; readonly containerRuntimeVersion?: string};
		readonly conditions?: readonly {readonly type?: string; readonly status?: string}[];
		readonly addresses?: readonly {readonly type?: string; readonly address?: string}[];
		/** Trimmed to one entry naming the images the plugin runs that the node lists, if it lists any. */
		readonly images?: readonly ListedImage[];
	};
};

export type ContainerStateObject = {
	readonly running?: object;
	readonly terminated?: {readonly exitCode: number; readonly reason?: string; readonly message?: string};
	readonly waiting?: {readonly reason?: string; readonly message?: string};
};

export type ContainerStatusObject = {
	readonly state?: ContainerStateObject;
	readonly lastState?: ContainerStateObject;
};

export type PodObject = {
	readonly metadata?: {
		readonly name?: string;
		readonly namespace?: string;
		readonly uid?: string;
		readonly resourceVersion?: string;
		/** Only its presence matters (a time in the API's JSON). */
		readonly deletionTimestamp?: unknown;
		readonly annotations?: Text;
	};
	readonly spec?: {readonly nodeName?: string};
	readonly status?: {
		readonly phase?: string;
		readonly conditions?: readonly {readonly type?: string; readonly status?: string}[];
		readonly containerStatuses?: readonly ContainerStatusObject[];
		readonly initContainerStatuses?: readonly ContainerStatusObject[];
	};
};

type Json = Record<string, unknown>;

/** `value` as a JSON object, or undefined when it is anything else (an array, a string, null). */
export function record(value: unknown): Json | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : undefined;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function texts(value: unknown): Text | undefined {
	const entries = record(value);
	if (entries === undefined) {
		return undefined;
	}

	const kept: Record<string, string> = {};
	for (const [key, entry] of Object.entries(entries)) {
		if (typeof entry === 'string') {
			kept[key] = entry;
		}
	}

	return kept;
}

function strings(value: unknown): string[] | undefined {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : undefined;
}

function list<T>(value: unknown, item: (entry: Json) => T): T[] | undefined {
	return Array.isArray(value) ? value.flatMap(entry => (record(entry) ? [item(record(entry)!)] : [])) : undefined;
}

/**
 * The entries whose value is defined, added in order: what the API left out
 * stays out. (Deleting keys instead would turn every object into a slow
 * dictionary.)
 */
function defined<T extends Json>(entries: {[K in keyof T]: T[K]}): T {
	const object: Json = {};
	for (const key in entries) {
		if (entries[key] !== undefined) {
			object[key] = entries[key];
		}
	}

	return object as T;
}

const typeAndStatus = (entry: Json) => defined({type: text(entry['type']), status: text(entry['status'])});

/**
 * The images of `keep` among those a node lists, as one entry: a node
 * lists up to 50 images with several names each, the plan asks only
 * whether it holds the plugin's own.
 */
function keptImages(listed: unknown, keep: readonly string[]): ListedImage[] | undefined {
	if (keep.length === 0) {
		return undefined;
	}

	const held = heldImages(list(listed, entry => ({names: strings(entry['names'])})), keep);
	return held.length === 0 ? undefined : [{names: held}];
}

/** A node from the API's JSON, reduced to what the inventory reads; of its images only those in `keepImages`. */
export function nodeObject(raw: unknown, keepImages: readonly string[] = []): NodeObject {
	const node = record(raw) ?? {};
	const metadata = record(node['metadata']) ?? {};
	const spec = record(node['spec']) ?? {};
	const status = record(node['status']) ?? {};
	const info = record(status['nodeInfo']);
	return {
		metadata: defined({name: text(metadata['name']), labels: texts(metadata['labels']), resourceVersion: text(metadata['resourceVersion'])}),
		spec: defined({podCIDR: text(spec['podCIDR']), podCIDRs: strings(spec['podCIDRs'])}),
		status: defined({
			nodeInfo: info && defined({operatingSystem: text(info['operatingSystem']), architecture: text(info['architecture']), containerRuntimeVersion: text(info['containerRuntimeVersion'])}),
			conditions: list(status['conditions'], typeAndStatus),
			addresses: list(status['addresses'], entry => defined({type: text(entry['type']), address: text(entry['address'])})),
			images: keptImages(status['images'], keepImages),
		}),
	};
}

function containerState(raw: unknown): ContainerStateObject | undefined {
	const state = record(raw);
	if (state === undefined) {
		return undefined;
	}

	const terminated = record(state['terminated']);
	const waiting = record(state['waiting']);
	return defined({
		running: record(state['running']) && {},
		// The API always sends exitCode; a state without one stays without one, rather than pass for 0 (success).
		terminated: terminated && defined({exitCode: terminated['exitCode'] as number, reason: text(terminated['reason']), message: text(terminated['message'])}),
		waiting: waiting && defined({reason: text(waiting['reason']), message: text(waiting['message'])}),
	});
}

const containerStatus = (entry: Json): ContainerStatusObject => defined({state: containerState(entry['state']), lastState: containerState(entry['lastState'])});

/** A pod from the API's JSON, reduced to what counting, progress and the rollout read. */
export function podObject(raw: unknown): PodObject {
	const pod = record(raw) ?? {};
	const metadata = record(pod['metadata']) ?? {};
	const spec = record(pod['spec']) ?? {};
	const status = record(pod['status']) ?? {};
	return {
		metadata: defined({
			name: text(metadata['name']),
			namespace: text(metadata['namespace']),
			uid: text(metadata['uid']),
			resourceVersion: text(metadata['resourceVersion']),
			deletionTimestamp: metadata['deletionTimestamp'] ?? undefined,
			annotations: texts(metadata['annotations']),
		}),
		spec: defined({nodeName: text(spec['nodeName'])}),
		status: defined({
			phase: text(status['phase']),
			conditions: list(status['conditions'], typeAndStatus),
			containerStatuses: list(status['containerStatuses'], containerStatus),
			initContainerStatuses: list(status['initContainerStatuses'], containerStatus),
		}),
	};
}
