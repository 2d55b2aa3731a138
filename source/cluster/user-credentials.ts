import {readFileSync} from 'node:fs';
import type {Cluster, User} from '@kubernetes/client-node';
import {OperationError} from '../errors.ts';
import {type ExecConfig, type ExecResult, runExecPlugin} from './exec-credential.ts';

/** Credentials the client library reads wrongly, so we read them: a token file and an exec plugin. */
export type UserExtras = {
	readonly tokenFile?: string;
	readonly exec?: ExecConfig;
};

type Options = {
	readonly userName: string;
	readonly extras: UserExtras;
	readonly cluster: Cluster;
	readonly terminal: boolean;
	readonly env: NodeJS.ProcessEnv;
};

// kubectl re-reads a token file once a minute: a rotated token is picked up.
const tokenFileMaxAgeMs = 60_000;
// An exec credential is renewed a little before it expires.
const expirySlackMs = 10_000;

/**
 * An authenticator for the client library (registered with addAuthenticator)
 * for the current user's token-file and exec plugin. The plugin runs once
 * however many requests start together.
 */
export function userCredentials(options: Options) {
	const {userName, extras} = options;
	let token: {value: string; readAt: number} | undefined;
	let exec: {result: Promise<ExecResult>; expiresAt?: number} | undefined;
	// Counts the client certificates handed out, so that connections made with an old one are not reused.
	let certificates = 0;
	let lastCertificate: string | undefined;

	function readToken(path: string): string {
		if (token === undefined || Date.now() - token.readAt > tokenFileMaxAgeMs) {
			let text: string;
			try {
				text = readFileSync(path, 'utf8');
			} catch (error) {
				throw new OperationError(`cannot read the token file ${path} of kubeconfig user "${userName}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'Check the token-file path (relative paths are from the kubeconfig file\'s folder).');
			}

			token = {value: text.trim(), readAt: Date.now()};
		}

		return token.value;
	}

	async function execCredential(config: ExecConfig): Promise<ExecResult> {
		if (exec === undefined || (exec.expiresAt !== undefined && exec.expiresAt - expirySlackMs < Date.now())) {
			const {cluster} = options;
			const result = runExecPlugin(config, {
				terminal: options.terminal,
				env: options.env,
				cluster: {
					server: cluster.server,
					...(caData(cluster) && {'certificate-authority-data': caData(cluster)}),
					...(cluster.skipTLSVerify && {'insecure-skip-tls-verify': true}),
					...(cluster.tlsServerName && {'tls-server-name': cluster.tlsServerName}),
					...(cluster.proxyUrl && {'proxy-url': cluster.proxyUrl}),
				},
			});
			exec = {result};
			// A failed run is not kept: the next request tries again.
			result.then(value => {
				exec = {result, ...(value.expiresAt !== undefined && {expiresAt: value.expiresAt})};
			}, () => {
				exec = undefined;
			});
		}

		return exec.result;
	}

	return {
		/** Changes when the TLS client identity does. */
		tlsIdentity: () => certificates,

		isAuthProvider(user: User): boolean {
			return user.name === userName;
		},

		async applyAuthentication(user: User, opts: {headers?: Record<string, unknown>; cert?: unknown; key?: unknown}): Promise<void> {
			opts.headers ??= {};
			// A token in the kubeconfig wins over its token file, as in kubectl.
			if (extras.tokenFile !== undefined && !user.token) {
				opts.headers['Authorization'] = `Bearer ${readToken(extras.tokenFile)}`;
			}

			if (extras.exec !== undefined) {
				const result = await execCredential(extras.exec);
				if (result.token) {
					opts.headers['Authorization'] = `Bearer ${result.token}`;
				}

				if (result.clientCertificateData && result.clientKeyData) {
					if (lastCertificate !== result.clientCertificateData) {
						lastCertificate = result.clientCertificateData;
						certificates++;
					}

					opts.cert = result.clientCertificateData;
					opts.key = result.clientKeyData;
				}
			}
		},
	};
}

function caData(cluster: Cluster): string | undefined {
	if (cluster.caData) {
		return cluster.caData;
	}

	try {
		return cluster.caFile ? readFileSync(cluster.caFile).toString('base64') : undefined;
	} catch {
		return undefined;
	}
}
