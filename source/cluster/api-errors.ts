import {ApiException} from '@kubernetes/client-node';
import {InterruptedError, OperationError} from '../errors.ts';

export type Endpoint = {readonly context: string; readonly server: string};

/** A Kubernetes Status, as far as the plugin reads one. A cause's `reason` is its type (e.g. NamespaceTerminating). */
export type Status = {
	readonly reason?: string;
	readonly message?: string;
	readonly details?: {readonly causes?: readonly {readonly reason?: string; readonly message?: string}[]};
};

/** The Status in an error body (JSON text or already parsed); text that is not JSON becomes its message. */
export function statusOf(body: unknown): Status {
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			return typeof parsed === 'object' && parsed !== null ? parsed as Status : {message: body.slice(0, 300)};
		} catch {
			return {message: body.slice(0, 300)};
		}
	}

	return (body ?? {}) as Status;
}

export function httpStatus(error: unknown): number | undefined {
	return error instanceof ApiException ? error.code : undefined;
}

const networkHints: Record<string, string> = {
	ECONNREFUSED: 'connection refused: is the cluster running, and is this the right server?',
	ENOTFOUND: 'the host name does not resolve: check the server address or your VPN/DNS',
	ETIMEDOUT: 'the connection timed out: check network access (VPN, firewall, proxy) to the server',
	ECONNRESET: 'the connection was reset by the server or a proxy in between',
	EHOSTUNREACH: 'the host is unreachable: check network access (VPN, firewall)',
	// undici's own connect timeout (10 s), what an unreachable private endpoint usually gives.
	UND_ERR_CONNECT_TIMEOUT: 'the connection timed out: check network access (VPN, firewall, proxy) to the server',
	EAI_AGAIN: 'the host name could not be resolved right now: check your DNS or network connection',
};

/** Turns what the client throws into an error that names the context and server and says what to try. */
export function explainApiError(error: unknown, endpoint: Endpoint, action: string): Error {
	if (error instanceof OperationError || error instanceof InterruptedError) {
		return error;
	}

	const where = `context "${endpoint.context}" (${endpoint.server})`;
	// Before the abort check: undici reports a refused tunnel as an AbortError.
	const tunnel = proxyRefusal(error);
	if (tunnel !== undefined) {
		return new OperationError(
			`${action}: the proxy refused the tunnel to ${where} (HTTP ${tunnel} to CONNECT)`,
			tunnel === 407
				? 'The proxy wants credentials: put them in the proxy URL (proxy-url in the kubeconfig, or HTTPS_PROXY).'
				: 'Check proxy-url in the kubeconfig, or HTTPS_PROXY and NO_PROXY: the API server may have to bypass the proxy (add its host to NO_PROXY).',
			{cause: error},
		);
	}

	if ((error as Error)?.name === 'AbortError') {
		return new InterruptedError('interrupted');
	}

	if (error instanceof ApiException) {
		const status = statusOf(error.body);
		const detail = status.message || status.reason || `HTTP ${error.code}`;
		if (error.code === 401) {
			return new OperationError(`${action}: the credentials of ${where} were rejected (401 Unauthorized)`, 'They may have expired: log in again or refresh them (e.g. your cloud\'s get-credentials command), then retry.', {cause: error});
		}

		if (error.code === 403) {
			return new OperationError(`${action}: forbidden on ${where}: ${detail}`, 'Ask a cluster admin for the permission, or use a context that has it.', {cause: error});
		}

		const hint = error.code >= 500
			? `The API server failed: retry in a moment, or check its health with: kubectl --context ${endpoint.context} get --raw /readyz`
			: `Check the context and the cluster's version with: kubectl --context ${endpoint.context} version`;
		const text = detail === `HTTP ${error.code}` ? `${action}: HTTP ${error.code} from ${where}` : `${action}: ${detail} (HTTP ${error.code}, ${where})`;
		return new OperationError(text, hint, {cause: error});
	}

	const cause = (error as {cause?: {code?: unknown; message?: string}})?.cause;
	// Only string codes name a failure: a DOMException's `code` is a number.
	const code = [cause?.code, (error as {code?: unknown})?.code].find((value): value is string => typeof value === 'string');

	if (code?.startsWith('CERT_') || code?.includes('SELF_SIGNED') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return new OperationError(`${action}: TLS failure talking to ${where}: ${cause?.message ?? code}`, 'The server certificate is not trusted by the kubeconfig\'s certificate-authority data: check the context, or refresh the kubeconfig.', {cause: error});
	}

	if (code && networkHints[code]) {
		return new OperationError(`${action}: cannot reach ${where}: ${networkHints[code]}`, `Try: kubectl --context ${endpoint.context} cluster-info`, {cause: error});
	}

	const message = cause?.message ?? (error as Error)?.message ?? String(error);
	return new OperationError(`${action}: ${message} (${where})`, `Try: kubectl --context ${endpoint.context} cluster-info`, {cause: error});
}

/** The status a proxy answered a CONNECT with, found anywhere in the cause chain (undici words it in its message). */
function proxyRefusal(error: unknown): number | undefined {
	for (let current = error, depth = 0; current && depth < 5; current = (current as {cause?: unknown}).cause, depth++) {
		const match = /Proxy response \((\d{3})\) !== 200/.exec(String((current as Error).message ?? ''));
		if (match) {
			return Number(match[1]);
		}
	}

	return undefined;
}
