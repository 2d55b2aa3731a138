import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, resolve} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import {parse} from 'yaml';
import {OperationError, UsageError} from '../errors.ts';
import {kubeconfigSource} from './kubeconfig-paths.ts';
import {mergeKubeconfigs} from './merge-kubeconfigs.ts';
import {resolveKubeconfigPaths} from './resolve-kubeconfig-paths.ts';
import {applyConnectionRules} from './connection-rules.ts';
import type {ExecConfig} from './exec-credential.ts';
import {type UserExtras, userCredentials} from './user-credentials.ts';

export type LoadedKubeconfig = {
	readonly config: KubeConfig;
	readonly context: string;
	readonly server: string;
	/** Changes when an exec plugin hands out a new client certificate. */
	readonly tlsIdentity?: () => number;
};

type LoadedFile = {
	readonly config: KubeConfig;
	/** token-file and exec of each user, which the client library would read wrongly. */
	readonly extras: ReadonlyMap<string, UserExtras>;
};

type RawUser = {name?: unknown; user?: Record<string, unknown>};

function readFile(path: string): LoadedFile {
	const config = new KubeConfig();
	const extras = new Map<string, UserExtras>();
	try {
		// kubectl reads an empty file as an empty config; the client's YAML loader throws on it.
		const text = readFileSync(path, 'utf8');
		if (text.trim() !== '') {
			const parsed: unknown = parse(text);
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
				throw new Error('not a YAML mapping');
			}

			const resolved = resolveKubeconfigPaths(parsed as Record<string, unknown>, dirname(resolve(path)));
			const users = ((resolved.users ?? []) as RawUser[]).map(entry => takeExtras(entry, extras));
			config.loadFromString(JSON.stringify({...resolved, users}));
		}
	} catch (error) {
		throw new OperationError(`cannot read kubeconfig ${path}: ${(error as Error).message}`, 'Check that the file is a valid kubeconfig (kubectl config view --kubeconfig <file>).');
	}

	return {config, extras};
}

/** The user without token-file and exec, which go into `extras` (the first definition of a name wins). */
function takeExtras(entry: RawUser, extras: Map<string, UserExtras>): RawUser {
	if (!entry?.user || typeof entry.name !== 'string') {
		return entry;
	}

	const {'token-file': tokenFile, exec, ...rest} = entry.user;
	if (!extras.has(entry.name) && (typeof tokenFile === 'string' || exec)) {
		extras.set(entry.name, {...(typeof tokenFile === 'string' && {tokenFile}), ...(exec ? {exec: exec as ExecConfig} : {})});
	}

	return {...entry, user: rest};
}

/**
 * Loads the configuration exactly as kubectl picks it, and refuses to fall
 * back to an unauthenticated localhost server when there is none.
 */
export function loadKubeconfig(options: {kubeconfig?: string; context?: string}, env: NodeJS.ProcessEnv = process.env, home = env['HOME'] || homedir()): LoadedKubeconfig {
	const source = kubeconfigSource(options.kubeconfig, env['KUBECONFIG'], home);
	const existing = source.paths.filter(path => existsSync(path));
	let config: KubeConfig;
	const extras = new Map<string, UserExtras>();
	if (source.kind === 'flag' && existing.length === 0) {
		throw new UsageError(`--kubeconfig: file "${source.paths[0]}" does not exist`, 'Pass the path of an existing kubeconfig file.');
	}

	if (existing.length === 0) {
		if (env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']) {
			config = new KubeConfig();
			config.loadFromCluster();
		} else {
			const where = source.kind === 'env' ? `none of the files in KUBECONFIG (${source.paths.join(', ')}) exists` : `${source.paths[0]} does not exist and KUBECONFIG is not set`;
			throw new OperationError(`no kubeconfig: ${where}`, 'Pass --kubeconfig PATH, set KUBECONFIG, or create ~/.kube/config (e.g. with your cloud\'s "get-credentials" command).');
		}
	} else {
		const files = existing.map(path => readFile(path));
		const merged = mergeKubeconfigs(files.map(file => file.config));
		config = new KubeConfig();
		config.loadFromOptions({...merged, clusters: [...merged.clusters], users: [...merged.users], contexts: [...merged.contexts]});
		for (const file of files) {
			for (const [name, value] of file.extras) {
				if (!extras.has(name)) {
					extras.set(name, value);
				}
			}
		}
	}

	if (options.context !== undefined) {
		if (!config.getContextObject(options.context)) {
			const known = config.getContexts().map(context => context.name);
			throw new UsageError(`--context: context "${options.context}" is not in the kubeconfig`, known.length > 0 ? `Known contexts: ${known.join(', ')}.` : 'The kubeconfig defines no contexts.');
		}

		config.setCurrentContext(options.context);
	}

	const context = config.getCurrentContext();
	if (!context || !config.getContextObject(context)) {
		throw new OperationError('the kubeconfig has no current context', 'Pass --context NAME or run: kubectl config use-context NAME');
	}

	const cluster = config.getCurrentCluster();
	if (!cluster?.server) {
		throw new OperationError(`context "${context}" names no cluster with a server`, 'Check the context with: kubectl config view --minify');
	}

	const user = config.getCurrentUser() ?? undefined;
	const userExtras = user ? extras.get(user.name) : undefined;
	const connection = applyConnectionRules(context, {cluster, ...(user && {user}), ...(userExtras && {extras: userExtras})}, env);
	config.loadFromOptions({
		clusters: config.getClusters().map(entry => (entry.name === cluster.name ? connection.cluster : entry)),
		users: config.getUsers().map(entry => (entry.name === user?.name && connection.user ? connection.user : entry)),
		contexts: config.getContexts(),
		currentContext: context,
	});
	if (user && connection.extras) {
		// The plugin is told the kubeconfig's proxy-url, not one taken from the environment, as kubectl does.
		const {proxyUrl: _fromEnvironment, ...rest} = connection.cluster;
		const described = cluster.proxyUrl ? {...rest, proxyUrl: cluster.proxyUrl} : rest;
		const credentials = userCredentials({userName: user.name, extras: connection.extras, cluster: described, terminal: Boolean(process.stdin.isTTY), env});
		config.addAuthenticator(credentials);
		return {config, context, server: cluster.server, tlsIdentity: credentials.tlsIdentity};
	}

	return {config, context, server: cluster.server};
}

/** The context names of the kubeconfig kubectl would read, merged as kubectl merges them (for completion). */
export function kubeconfigContextNames(options: {kubeconfig?: string}, env: NodeJS.ProcessEnv = process.env, home = env['HOME'] || homedir()): string[] {
	const source = kubeconfigSource(options.kubeconfig, env['KUBECONFIG'], home);
	const files = source.paths.filter(path => existsSync(path)).map(path => readFile(path));
	return mergeKubeconfigs(files.map(file => file.config)).contexts.map(context => context.name);
}
