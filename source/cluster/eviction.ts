/** What the Eviction API answered for one pod. */
export type Eviction =
	| {readonly type: 'evicted'}
	/** The pod is no longer there. */
	| {readonly type: 'gone'}
	/** Refused for now (429): a PodDisruptionBudget allows no more disruptions; `budget` names it when the server does. */
	| {readonly type: 'blocked'; readonly budget?: string; readonly message: string};

type Status = {readonly message?: string; readonly details?: {readonly causes?: readonly {readonly reason?: string; readonly message?: string}[]}};

/**
 * Reads a 429 answer to an eviction. The API server names the budget in a
 * cause ("The disruption budget web needs 2 healthy pods and has 2
 * currently"); the text comes from the cluster and is shown only through
 * printable().
 */
export function blockedEviction(body: unknown): Eviction {
	let status: Status = {};
	try {
		status = (typeof body === 'string' ? JSON.parse(body) : body ?? {}) as Status;
	} catch {
		status = {message: typeof body === 'string' ? body.slice(0, 300) : undefined};
	}

	const cause = status.details?.causes?.find(entry => entry.reason === 'DisruptionBudget');
	const budget = /^The disruption budget (\S+) /.exec(cause?.message ?? '')?.[1];
	return {type: 'blocked', ...(budget && {budget}), message: cause?.message ?? status.message ?? 'too many requests'};
}
