import {httpStatus} from './api-errors.ts';

const retriedStatuses = new Set([429, 500, 502, 503, 504]);
const retriedCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);

/** A failure that the same request may not hit a moment later: the API server restarting, overloaded, or a dropped connection. */
export function isTransient(error: unknown): boolean {
	const status = httpStatus(error);
	if (status !== undefined) {
		return retriedStatuses.has(status);
	}

	const code = (error as {cause?: {code?: string}})?.cause?.code ?? (error as {code?: string})?.code;
	return code !== undefined && retriedCodes.has(code);
}

const delaysMs = [200, 500, 1000, 2000, 4000];

/**
 * Runs an idempotent request again while it fails transiently and the budget
 * lasts. Every request the plugin sends is idempotent (server-side apply,
 * label merge patches, deletes that accept 404, reads), which makes this safe.
 * An aborted `signal` ends the waiting at once with the last failure: Ctrl-C
 * during an API server outage must not wait out the budget.
 */
export async function withRetries<T>(request: () => Promise<T>, budgetMs: number, signal?: AbortSignal): Promise<T> {
	const deadline = Date.now() + budgetMs;
	for (let attempt = 0; ; attempt++) {
		try {
			return await request();
		} catch (error) {
			const wait = delaysMs[Math.min(attempt, delaysMs.length - 1)]!;
			if (!isTransient(error) || Date.now() + wait > deadline || signal?.aborted) {
				throw error;
			}

			if (!(await pause(wait, signal))) {
				throw error;
			}
		}
	}
}

/** Waits `ms`; false when `signal` aborted first. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	return new Promise(resolve => {
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', aborted);
			resolve(true);
		}, ms);
		signal?.addEventListener('abort', aborted, {once: true});
		function aborted() {
			clearTimeout(timer);
			resolve(false);
		}
	});
}
