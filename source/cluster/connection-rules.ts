import type {Cluster, User} from '@kubernetes/client-node';
import {UsageError} from '../errors.ts';
import {environmentProxy} from './environment-proxy.ts';
import type {UserExtras} from './user-credentials.ts';

export type Connection = {
	readonly cluster: Cluster;
	readonly user?: User;
	/** Undefined when there is nothing we must add to what the client library does. */
	readonly extras?: UserExtras;
};

/**
 * What kubectl does with a context before the first request, applied to
 * the client library's view of it:
 * - a CA together with insecure-skip-tls-verify is refused;
 * - over plain http:// no credentials are sent (kubectl only sends them over TLS);
 * - without a proxy-url, HTTPS_PROXY/HTTP_PROXY/NO_PROXY decide the proxy.
 */
export function applyConnectionRules(context: string, connection: Connection, env: NodeJS.ProcessEnv): Connection {
	const {cluster, user, extras} = connection;
	if (cluster.skipTLSVerify && (cluster.caFile || cluster.caData)) {
		throw new UsageError(
			`context "${context}": the cluster sets both insecure-skip-tls-verify and a certificate authority`,
			'kubectl refuses this too ("specifying a root certificates file with the insecure flag is not allowed"): remove one of them from the kubeconfig.',
		);
	}

	const proxyUrl = cluster.proxyUrl || environmentProxy(cluster.server, env);
	if (!cluster.server.toLowerCase().startsWith('http://')) {
		return {cluster: {...cluster, ...(proxyUrl && {proxyUrl})}, ...(user && {user}), ...(extras && {extras})};
	}

	// The client library refuses http:// unless TLS checks are off; there is no TLS to check.
	return {
		cluster: {...cluster, skipTLSVerify: true, ...(proxyUrl && {proxyUrl})},
		...(user && {user: {name: user.name, ...(user.impersonateUser && {impersonateUser: user.impersonateUser})}}),
	};
}
