import {ApiException} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {isTransient, withRetries} from '../../source/cluster/transient.ts';

const refused = Object.assign(new TypeError('fetch failed'), {cause: {code: 'ECONNREFUSED'}});

describe('isTransient', () => {
	it('retries what a restarting or overloaded API server answers', () => {
		expect(isTransient(refused)).toBe(true);
		expect(isTransient(new ApiException(503, 'unavailable', '', {}))).toBe(true);
		expect(isTransient(new ApiException(429, 'too many requests', '', {}))).toBe(true);
	});

	it('never retries an answer that will not change', () => {
		expect(isTransient(new ApiException(403, 'forbidden', '', {}))).toBe(false);
		expect(isTransient(new ApiException(422, 'invalid', '', {}))).toBe(false);
		expect(isTransient(Object.assign(new TypeError('fetch failed'), {cause: {code: 'CERT_HAS_EXPIRED'}}))).toBe(false);
		expect(isTransient(new Error('boom'))).toBe(false);
	});
});

describe('withRetries', () => {
	it('tries again while the failure is transient and the budget lasts', async () => {
		let calls = 0;
		const result = await withRetries(async () => {
			if (++calls < 3) {
				throw refused;
			}

			return 'ok';
		}, 10_000);
		expect(result).toBe('ok');
		expect(calls).toBe(3);
	});

	it('with no budget, fails at once', async () => {
		let calls = 0;
		await expect(withRetries(async () => {
			calls++;
			throw refused;
		}, 0)).rejects.toBe(refused);
		expect(calls).toBe(1);
	});

	it('does not retry a permanent failure', async () => {
		let calls = 0;
		const forbidden = new ApiException(403, 'forbidden', '', {});
		await expect(withRetries(async () => {
			calls++;
			throw forbidden;
		}, 10_000)).rejects.toBe(forbidden);
		expect(calls).toBe(1);
	});
});

describe('withRetries and the abort signal', () => {
	it('an abort while waiting between attempts ends the wait at once with the last failure', async () => {
		const controller = new AbortController();
		let calls = 0;
		const started = Date.now();
		const attempt = withRetries(async () => {
			calls++;
			// Ctrl-C arrives while the request waits for its next attempt.
			setImmediate(() => {
				controller.abort();
			});
			throw refused;
		}, 120_000, controller.signal);
		await expect(attempt).rejects.toBe(refused);
		expect(calls).toBe(1);
		// The first wait alone is 200 ms.
		expect(Date.now() - started).toBeLessThan(200);
	});

	it('after an abort a request is still sent once, but not retried', async () => {
		const controller = new AbortController();
		controller.abort();
		let calls = 0;
		await expect(withRetries(async () => {
			calls++;
			throw refused;
		}, 120_000, controller.signal)).rejects.toBe(refused);
		expect(calls).toBe(1);
	});
});
