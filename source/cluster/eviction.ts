import {statusOf} from './api-errors.ts';

/** What the Eviction API answered for one pod. */
export type Eviction =
	| {readonly type: 'evicted'}
	/** The pod is no longer there. */
	| {readonly type: 'gone'}
	/**
	 * Refused (403) because the pod's namespace is being deleted: the pod goes
	 * with it, so a drain waits for it as for an evicted one (kubectl drain
	 * does the same).
	 */
	| {readonly type: 'namespace-terminating'}
	/** Refused for now (429): a PodDisruptionBudget allows no more disruptions; `budget` names it when the server does. */
	| {readonly type: 'blocked'; readonly budget?: string; readonly message: string};

/**
 * Reads a 429 answer to an eviction. The API server names the budget in a
 * cause ("The disruption budget web needs 2 healthy pods and has 2
 * currently"); the text comes from the cluster and is shown only through
 * printable().
 */
export function blockedEviction(body: unknown): Eviction {
	const status = statusOf(body);
	const cause = status.details?.causes?.find(entry => entry.reason === 'DisruptionBudget');
	const budget = /^The disruption budget (\S+) /.exec(cause?.message ?? '')?.[1];
	return {type: 'blocked', ...(budget && {budget}), message: cause?.message ?? status.message ?? 'too many requests'};
}

/** True for a 403 whose Status says the namespace is being deleted (cause NamespaceTerminating). */
export function namespaceTerminating(body: unknown): boolean {
	return statusOf(body).details?.causes?.some(cause => cause.reason === 'NamespaceTerminating') ?? false;
}
