// What the API server's audit log says a tool asked for. The bench runs the
// plugin and kubectl as one ServiceAccount of their own, and the policy
// audits that user only: controllers and kwok (which use the admin
// certificate) stay out of the log, and the log costs the cluster nothing
// when the tools are idle. The user agent tells the plugin from kubectl.

import {open, stat} from 'node:fs/promises';
import {waitFor} from '../cluster/wait-for.ts';

export const benchUser = {namespace: 'kube-system', serviceAccount: 'proxyinject-bench'} as const;

export const benchUsername = `system:serviceaccount:${benchUser.namespace}:${benchUser.serviceAccount}`;

/** Metadata (verb, resource, user agent, times) of the bench user's requests; nothing else. */
export const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    users: ["${benchUsername}"]
  - level: None
`;

export type AuditEntry = {
	readonly auditID: string;
	readonly stage: string;
	readonly verb: string;
	readonly requestURI: string;
	readonly userAgent?: string;
	readonly objectRef?: {readonly resource?: string; readonly subresource?: string; readonly name?: string};
	readonly responseStatus?: {readonly code?: number};
	readonly requestReceivedTimestamp: string;
	readonly stageTimestamp: string;
};

export type Agent = 'plugin' | 'kubectl' | 'other';

/** The plugin names itself (`kubectl-proxyinject/<version>`); builds before it sent the client library's agent, or undici's for watches. */
export function agentOf(userAgent: string | undefined): Agent {
	if (userAgent === undefined) {
		return 'other';
	}

	if (userAgent.startsWith('kubectl/')) {
		return 'kubectl';
	}

	return /^(kubectl-proxyinject\/|kubernetes-client-javascript\/|undici|node)/.test(userAgent) ? 'plugin' : 'other';
}

/**
 * One line per request: watches count when they start (a watch still open
 * at the end has no ResponseComplete yet), everything else when it is
 * answered.
 */
export function requestsOf(entries: readonly AuditEntry[]): AuditEntry[] {
	const seen = new Set<string>();
	const requests: AuditEntry[] = [];
	for (const entry of entries) {
		const counts = entry.verb === 'watch' ? entry.stage === 'ResponseStarted' : entry.stage === 'ResponseComplete' || entry.stage === 'Panic';
		if (counts && !seen.has(entry.auditID)) {
			seen.add(entry.auditID);
			requests.push(entry);
		}
	}

	return requests;
}

/** e.g. `patch nodes`, `get pods/log`, `get /apis` for a path that is not a resource. */
export function requestKind(entry: AuditEntry): string {
	const resource = entry.objectRef?.resource;
	if (resource === undefined) {
		return `${entry.verb} ${entry.requestURI.split('?')[0]}`;
	}

	return `${entry.verb} ${resource}${entry.objectRef?.subresource ? `/${entry.objectRef.subresource}` : ''}`;
}

const writeVerbs = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
/** Requests that only ask a question (permission checks): not writes, though they are POSTs. */
const reviewResources = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews', 'tokenreviews']);

export type RequestCounts = {
	readonly total: number;
	/** `verb resource` -> count, most frequent first. */
	readonly byKind: readonly (readonly [string, number])[];
	/** Changes to cluster state (not permission reviews). */
	readonly writes: number;
	readonly nodeWrites: number;
	readonly watches: number;
	readonly lists: number;
	readonly gets: number;
	readonly reviews: number;
	/** Answered with a status of 400 or more (a 404 for something absent counts). */
	readonly errors: number;
};

export function countRequests(requests: readonly AuditEntry[]): RequestCounts {
	const byKind = new Map<string, number>();
	let writes = 0;
	let nodeWrites = 0;
	let reviews = 0;
	let errors = 0;
	for (const request of requests) {
		const kind = requestKind(request);
		byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
		const resource = request.objectRef?.resource ?? '';
		if (reviewResources.has(resource)) {
			reviews++;
		} else if (writeVerbs.has(request.verb)) {
			writes++;
			if (resource === 'nodes') {
				nodeWrites++;
			}
		}

		if ((request.responseStatus?.code ?? 0) >= 400) {
			errors++;
		}
	}

	const count = (verb: string) => requests.filter(request => request.verb === verb).length;
	return {
		total: requests.length,
		byKind: [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
		writes,
		nodeWrites,
		watches: count('watch'),
		lists: count('list'),
		gets: count('get'),
		reviews,
		errors,
	};
}

export function parseAuditLines(text: string): AuditEntry[] {
	const entries: AuditEntry[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') {
			continue;
		}

		try {
			entries.push(JSON.parse(line) as AuditEntry);
		} catch {
			// A line being written as we read: the next read starts before it.
		}
	}

	return entries;
}

/** Reads what the audit log gained since `mark()`; the log is only appended to while the bench runs. */
export function auditReader(path: string) {
	const size = async () => (await stat(path).catch(() => undefined))?.size ?? 0;
	return {
		async mark(): Promise<number> {
			return size();
		},
		/** Waits until the API server has stopped adding to the log (it writes the last answers as they leave), then reads. */
		async since(offset: number): Promise<AuditEntry[]> {
			let last = -1;
			let steady = 0;
			await waitFor(async () => {
				const now = await size();
				steady = now === last ? steady + 1 : 0;
				last = now;
				return steady >= 3 ? true : undefined;
			}, {what: `the audit log ${path} to settle`, timeoutMs: 30_000, pollMs: 100});
			const file = await open(path, 'r');
			try {
				const length = Math.max(0, last - offset);
				const buffer = Buffer.alloc(length);
				await file.read(buffer, 0, length, offset);
				const text = buffer.toString('utf8');
				// Only whole lines: the last one may still be being written.
				return parseAuditLines(text.slice(0, text.lastIndexOf('\n') + 1));
			} finally {
				await file.close();
			}
		},
	};
}
