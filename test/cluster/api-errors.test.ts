import {ApiException} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {explainApiError, httpStatus} from '../../source/cluster/api-errors.ts';
import {InterruptedError, OperationError} from '../../source/errors.ts';

const endpoint = {context: 'prod-eu', server: 'https://10.0.0.1:6443'};
const where = 'context "prod-eu" (https://10.0.0.1:6443)';

function status(code: number, reason: string, message: string): string {
	return JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code});
}

function explained(error: unknown, action = 'list nodes'): OperationError {
	const result = explainApiError(error, endpoint, action);
	expect(result).toBeInstanceOf(OperationError);
	const operation = result as OperationError;
	expect(operation.hint).toBeTruthy();
	return operation;
}

function fetchFailed(code: string, message = `${code} message`): TypeError {
	const cause = Object.assign(new Error(message), {code});
	return new TypeError('fetch failed', {cause});
}

describe('explainApiError: HTTP statuses', () => {
	it('401: credentials rejected, with the context and server, and how to refresh them', () => {
		const error = new ApiException(401, 'Unauthorized', status(401, 'Unauthorized', 'Unauthorized'), {});
		const result = explained(error);
		expect(result.message).toBe(`list nodes: the credentials of ${where} were rejected (401 Unauthorized)`);
		expect(result.hint).toContain('log in again');
		expect(result.cause).toBe(error);
	});

	it('403: names what was forbidden from the Status message', () => {
		const body = status(403, 'Forbidden', 'nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope');
		const result = explained(new ApiException(403, 'Forbidden', body, {}));
		expect(result.message).toBe(`list nodes: forbidden on ${where}: nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope`);
		expect(result.hint).toContain('cluster admin');
	});

	it('404: the Status message, the code and where', () => {
		const body = status(404, 'NotFound', 'daemonsets.apps "proxyinject-injector" not found');
		const result = explained(new ApiException(404, 'Not Found', body, {}), 'read DaemonSet');
		expect(result.message).toBe(`read DaemonSet: daemonsets.apps "proxyinject-injector" not found (HTTP 404, ${where})`);
		expect(result.hint).toContain('kubectl --context prod-eu');
	});

	it('500 with a plain text body: the text, the code and a retry hint', () => {
		const result = explained(new ApiException(500, 'Internal Server Error', 'etcdserver: request timed out', {}));
		expect(result.message).toBe(`list nodes: etcdserver: request timed out (HTTP 500, ${where})`);
		expect(result.hint).toContain('retry');
		expect(result.hint).toContain('kubectl --context prod-eu');
	});

	it('a Status with only a reason uses the reason', () => {
		const result = explained(new ApiException(409, 'Conflict', JSON.stringify({reason: 'Conflict'}), {}));
		expect(result.message).toBe(`list nodes: Conflict (HTTP 409, ${where})`);
	});

	it('an empty or missing body falls back to the code, said once', () => {
		expect(explained(new ApiException(502, 'Bad Gateway', undefined, {})).message).toBe(`list nodes: HTTP 502 from ${where}`);
		expect(explained(new ApiException(503, 'x', {}, {})).message).toBe(`list nodes: HTTP 503 from ${where}`);
		expect(explained(new ApiException(500, 'x', '', {})).message).toBe(`list nodes: HTTP 500 from ${where}`);
		expect(explained(new ApiException(403, 'x', '', {})).message).toBe(`list nodes: forbidden on ${where}: HTTP 403`);
	});

	it('a body that is JSON but not an object is shown as text', () => {
		expect(explained(new ApiException(500, 'x', 'null', {})).message).toBe(`list nodes: null (HTTP 500, ${where})`);
		expect(explained(new ApiException(500, 'x', '42', {})).message).toBe(`list nodes: 42 (HTTP 500, ${where})`);
	});

	it('cuts a long text body short', () => {
		const result = explained(new ApiException(500, 'x', `<html>${'x'.repeat(2000)}</html>`, {}));
		expect(result.message.length).toBeLessThan(400);
	});

	it('reads an already parsed body object', () => {
		expect(explained(new ApiException(422, 'x', {message: 'spec.template: Invalid value'}, {})).message).toBe(`list nodes: spec.template: Invalid value (HTTP 422, ${where})`);
	});
});

describe('explainApiError: network and TLS failures', () => {
	it.each([
		['ECONNREFUSED', 'connection refused'],
		['ENOTFOUND', 'does not resolve'],
		['ETIMEDOUT', 'timed out'],
		['ECONNRESET', 'reset'],
		['EHOSTUNREACH', 'unreachable'],
		['UND_ERR_CONNECT_TIMEOUT', 'timed out'],
		['EAI_AGAIN', 'could not be resolved'],
	])('%s: cannot reach, naming context and server', (code, words) => {
		const error = fetchFailed(code);
		const result = explained(error);
		expect(result.message).toMatch(new RegExp(`^list nodes: cannot reach ${where.replaceAll(/[().]/g, '\\$&')}: .*${words}`));
		expect(result.hint).toBe('Try: kubectl --context prod-eu cluster-info');
		expect(result.cause).toBe(error);
	});

	it.each(['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'])('%s: a TLS failure with the cause\'s text', code => {
		const result = explained(fetchFailed(code, 'certificate has expired'));
		expect(result.message).toBe(`list nodes: TLS failure talking to ${where}: certificate has expired`);
		expect(result.hint).toContain('certificate-authority');
	});

	it('reads a code on the error itself too', () => {
		const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), {code: 'ECONNREFUSED'});
		expect(explained(error).message).toContain(`cannot reach ${where}: connection refused`);
	});

	it('an unknown network code keeps the cause\'s message', () => {
		const result = explained(fetchFailed('EPROTO', 'wrong version number'));
		expect(result.message).toBe(`list nodes: wrong version number (${where})`);
		expect(result.hint).toBe('Try: kubectl --context prod-eu cluster-info');
	});

	it('anything else keeps its message, or its text when it is not an Error', () => {
		expect(explained(new Error('boom')).message).toBe(`list nodes: boom (${where})`);
		expect(explained('plain string').message).toBe(`list nodes: plain string (${where})`);
		expect(explained(undefined).message).toBe(`list nodes: undefined (${where})`);
	});
});

describe('explainApiError: passes our own errors through', () => {
	it('an OperationError or InterruptedError is returned as is', () => {
		const operation = new OperationError('already explained', 'hint');
		const interrupted = new InterruptedError('stop');
		expect(explainApiError(operation, endpoint, 'x')).toBe(operation);
		expect(explainApiError(interrupted, endpoint, 'x')).toBe(interrupted);
	});

	it('a proxy that refuses the CONNECT tunnel is named, not taken for an interruption or a crash', () => {
		// What undici gives: an AbortError for the tunnel, under fetch a DOMException whose `code` is a number.
		const refused = Object.assign(new Error('Proxy response (403) !== 200 when HTTP Tunneling'), {name: 'AbortError', code: 'UND_ERR_ABORTED'});
		const underFetch = new TypeError('fetch failed', {cause: Object.assign(new DOMException('Request was cancelled.'), {cause: refused})});
		for (const error of [refused, underFetch]) {
			const explained = explainApiError(error, endpoint, 'list nodes');
			expect(explained).toBeInstanceOf(OperationError);
			expect(explained.message).toBe(`list nodes: the proxy refused the tunnel to ${where} (HTTP 403 to CONNECT)`);
			expect((explained as OperationError).hint).toContain('NO_PROXY');
		}

		const auth = Object.assign(new Error('Proxy response (407) !== 200 when HTTP Tunneling'), {name: 'AbortError'});
		expect((explainApiError(auth, endpoint, 'x') as OperationError).hint).toContain('credentials');
	});

	it('a numeric code in the cause does not break the explanation', () => {
		const error = new TypeError('fetch failed', {cause: Object.assign(new Error('odd'), {code: 0})});
		expect(explainApiError(error, endpoint, 'x').message).toBe(`x: odd (${where})`);
	});

	it('an abort becomes an interruption', () => {
		const abort = new DOMException('This operation was aborted', 'AbortError');
		expect(explainApiError(abort, endpoint, 'x')).toBeInstanceOf(InterruptedError);
	});
});

describe('httpStatus', () => {
	it('is the code of an ApiException and undefined for anything else', () => {
		expect(httpStatus(new ApiException(404, 'x', '', {}))).toBe(404);
		expect(httpStatus(fetchFailed('ECONNREFUSED'))).toBeUndefined();
		expect(httpStatus(undefined)).toBeUndefined();
	});
});
