import {isAbsolute, join} from 'node:path';

type Entry = {name?: unknown; cluster?: Record<string, unknown>; user?: Record<string, unknown>};
type RawKubeconfig = {clusters?: Entry[]; users?: Entry[]} & Record<string, unknown>;

function resolved(value: unknown, folder: string): unknown {
	return typeof value === 'string' && value !== '' && !isAbsolute(value) ? join(folder, value) : value;
}

/**
 * Paths in a kubeconfig are relative to the file's folder, as kubectl reads
 * them: certificate-authority, client-certificate, client-key, token-file,
 * and an exec command that contains a '/' (a bare name is looked up in PATH).
 * A copy is returned; the parsed file is not changed.
 */
export function resolveKubeconfigPaths<T extends RawKubeconfig>(config: T, folder: string): T {
	const clusters = config.clusters?.map(entry => (entry?.cluster ? {...entry, cluster: {...entry.cluster, 'certificate-authority': resolved(entry.cluster['certificate-authority'], folder)}} : entry));
	const users = config.users?.map(entry => {
		if (!entry?.user) {
			return entry;
		}

		const user = {...entry.user};
		for (const key of ['client-certificate', 'client-key', 'token-file']) {
			user[key] = resolved(user[key], folder);
		}

		const exec = user['exec'] as Record<string, unknown> | undefined;
		if (exec && typeof exec['command'] === 'string' && exec['command'].includes('/')) {
			user['exec'] = {...exec, command: resolved(exec['command'], folder)};
		}

		return {...entry, user: withoutUndefined(user)};
	});
	return {...config, ...(clusters && {clusters: clusters.map(entry => (entry?.cluster ? {...entry, cluster: withoutUndefined(entry.cluster)} : entry))}), ...(users && {users})};
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
