import {spawn} from 'node:child_process';
import {OperationError} from '../errors.ts';

/** The `exec` stanza of a kubeconfig user (client.authentication.k8s.io). */
export type ExecConfig = {
	readonly command: string;
	readonly args?: readonly string[];
	readonly env?: readonly {readonly name: string; readonly value: string}[];
	readonly apiVersion?: string;
	readonly installHint?: string;
	readonly provideClusterInfo?: boolean;
	readonly interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
};

/** What the plugin may learn about the cluster (provideClusterInfo). */
export type ClusterInfo = {
	readonly server: string;
	readonly 'certificate-authority-data'?: string;
	readonly 'insecure-skip-tls-verify'?: boolean;
	readonly 'tls-server-name'?: string;
	readonly 'proxy-url'?: string;
};

export type ExecResult = {
	readonly token?: string;
	readonly clientCertificateData?: string;
	readonly clientKeyData?: string;
	/** Milliseconds since the epoch; undefined: valid for the whole run. */
	readonly expiresAt?: number;
};

export type ExecContext = {
	readonly cluster: ClusterInfo;
	/** Whether the plugin may talk to the user: our standard input is a terminal. */
	readonly terminal: boolean;
	readonly env: NodeJS.ProcessEnv;
};

/** KUBERNETES_EXEC_INFO, as kubectl sets it for the plugin. */
export function execInfo(exec: ExecConfig, context: ExecContext): string {
	const interactive = context.terminal && exec.interactiveMode !== 'Never';
	return JSON.stringify({
		apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
		kind: 'ExecCredential',
		spec: {interactive, ...(exec.provideClusterInfo && {cluster: context.cluster})},
	});
}

/**
 * Runs a credential plugin the way kubectl does: KUBERNETES_EXEC_INFO set,
 * its standard error shown to the user, and, when it may ask the user
 * something, our terminal as its standard input (a pipe nobody writes to
 * made a prompting plugin hang forever).
 */
export async function runExecPlugin(exec: ExecConfig, context: ExecContext): Promise<ExecResult> {
	const what = `the credential plugin "${exec.command}"`;
	if (exec.interactiveMode === 'Always' && !context.terminal) {
		throw new OperationError(`${what} needs a terminal (interactiveMode: Always), and standard input is not one`, 'Run the command in a terminal, or log in first so that the plugin has cached credentials.');
	}

	const interactive = context.terminal && exec.interactiveMode !== 'Never';
	const env = {...context.env, ...Object.fromEntries((exec.env ?? []).map(({name, value}) => [name, value])), KUBERNETES_EXEC_INFO: execInfo(exec, context)};
	const child = spawn(exec.command, [...(exec.args ?? [])], {env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'inherit']});
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	const code = await new Promise<number | string>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown'));
	}).catch((error: NodeJS.ErrnoException) => {
		const hint = exec.installHint?.trim() || 'Check the exec command of the kubeconfig user, and that it is installed and on PATH.';
		throw new OperationError(`${what} could not be started: ${error.code === 'ENOENT' ? 'command not found' : error.message}`, hint);
	});
	if (code !== 0) {
		throw new OperationError(`${what} failed (exit ${code}); its messages are above`, 'Log in again with your cloud\'s or identity provider\'s tool, then retry.');
	}

	return parseExecCredential(stdout, exec, what);
}

function parseExecCredential(stdout: string, exec: ExecConfig, what: string): ExecResult {
	let credential: {apiVersion?: string; kind?: string; status?: {token?: string; clientCertificateData?: string; clientKeyData?: string; expirationTimestamp?: string}};
	try {
		credential = JSON.parse(stdout) as typeof credential;
	} catch {
		throw new OperationError(`${what} printed no ExecCredential JSON`, 'It must print an ExecCredential object on standard output.');
	}

	const wanted = exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1';
	if (credential?.kind !== 'ExecCredential' || credential.apiVersion !== wanted) {
		throw new OperationError(`${what} printed ${String(credential?.kind)} ${String(credential?.apiVersion)}, not an ExecCredential of ${wanted}`, 'The apiVersion in the kubeconfig must match what the plugin prints.');
	}

	const status = credential.status ?? {};
	if (!status.token && !(status.clientCertificateData && status.clientKeyData)) {
		throw new OperationError(`${what} returned neither a token nor a client certificate and key`, 'Log in again with the plugin\'s own tool, then retry.');
	}

	const expiresAt = status.expirationTimestamp === undefined ? undefined : Date.parse(status.expirationTimestamp);
	return {
		...(status.token && {token: status.token}),
		...(status.clientCertificateData && {clientCertificateData: status.clientCertificateData}),
		...(status.clientKeyData && {clientKeyData: status.clientKeyData}),
		...(expiresAt !== undefined && !Number.isNaN(expiresAt) && {expiresAt}),
	};
}
