// The identity the bench runs the plugin and kubectl as: a ServiceAccount
// bound to cluster-admin, with a token kubeconfig. Only its requests are
// audited (see audit-log.ts).

import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse, stringify} from 'yaml';
import type {TestCluster} from '../cluster/cluster.ts';
import {benchUser} from './audit-log.ts';

function manifests(): string {
	const objects = [
		{apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: benchUser.serviceAccount, namespace: benchUser.namespace}},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRoleBinding',
			metadata: {name: `${benchUser.serviceAccount}-admin`},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin'},
			subjects: [{kind: 'ServiceAccount', name: benchUser.serviceAccount, namespace: benchUser.namespace}],
		},
	];
	return objects.map(object => stringify(object)).join('---\n');
}

/** Writes the bench user's kubeconfig into `dir` and returns its path. */
export async function benchKubeconfig(cluster: TestCluster, dir: string): Promise<string> {
	const applied = await cluster.kubectl(['apply', '-f', '-'], {input: manifests()});
	if (applied.code !== 0) {
		throw new Error(`creating the bench user: ${applied.stderr.trim()}`);
	}

	const token = await cluster.kubectl(['create', 'token', benchUser.serviceAccount, '-n', benchUser.namespace, '--duration=4h']);
	if (token.code !== 0) {
		throw new Error(`requesting a token for the bench user: ${token.stderr.trim()}`);
	}

	const admin = parse(await readFile(cluster.kubeconfig, 'utf8')) as {clusters: Array<{cluster: {server: string; 'certificate-authority': string}}>};
	const server = admin.clusters[0]?.cluster;
	if (!server) {
		throw new Error(`no cluster in ${cluster.kubeconfig}`);
	}

	const name = `bench-${cluster.name}`;
	const path = join(dir, `${cluster.name}.kubeconfig`);
	await writeFile(path, stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name, cluster: {server: server.server, 'certificate-authority': server['certificate-authority']}}],
		users: [{name, user: {token: token.stdout.trim()}}],
		contexts: [{name, context: {cluster: name, user: name}}],
		'current-context': name,
	}), {mode: 0o600});
	return path;
}
