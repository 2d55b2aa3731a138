import {existsSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {KubeConfig} from '@kubernetes/client-node';
import {OperationError, UsageError} from '../errors.ts';
import {kubeconfigSource} from './kubeconfig-paths.ts';
import {mergeKubeconfigs} from './merge-kubeconfigs.ts';

export type LoadedKubeconfig = {
	readonly config: KubeConfig;
	readonly context: string;
	readonly server: string;
};

function readFile(path: string): KubeConfig {
	const config = new KubeConfig();
	try {
		// kubectl reads an empty file as an empty config; the client's YAML loader throws on it.
		if (readFileSync(path, 'utf8').trim() !== '') {
			config.loadFromFile(path);
		}
	} catch (error) {
		throw new OperationError(`cannot read kubeconfig ${path}: ${(error as Error).message}`, 'Check that the file is a valid kubeconfig (kubectl config view --kubeconfig <file>).');
	}

	return config;
}

/**
 * Loads the configuration exactly as kubectl picks it, and refuses to fall
 * back to an unauthenticated localhost server when there is none.
 */
export function loadKubeconfig(options: {kubeconfig?: string; context?: string}, env: NodeJS.ProcessEnv = process.env, home = env['HOME'] || homedir()): LoadedKubeconfig {
	const source = kubeconfigSource(options.kubeconfig, env['KUBECONFIG'], home);
	const existing = source.paths.filter(path => existsSync(path));
	let config: KubeConfig;
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
		const merged = mergeKubeconfigs(existing.map(path => readFile(path)));
		config = new KubeConfig();
		config.loadFromOptions({...merged, clusters: [...merged.clusters], users: [...merged.users], contexts: [...merged.contexts]});
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

	return {config, context, server: cluster.server};
}
