// A user with less than the plugin needs: it may read nodes, pods and the
// other namespaced objects the built-in `view` role covers, but may not create
// DaemonSets or patch nodes. It authenticates with a ServiceAccount token from
// the TokenRequest API.

import {stringify} from 'yaml';

export const restrictedUser = {namespace: 'default', serviceAccount: 'proxyinject-viewer'} as const;

const nodeReader = 'proxyinject-test:node-reader';

export function restrictedUserManifests(): string {
	const subject = {kind: 'ServiceAccount', name: restrictedUser.serviceAccount, namespace: restrictedUser.namespace};
	const objects = [
		{apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: restrictedUser.serviceAccount, namespace: restrictedUser.namespace}},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRole',
			metadata: {name: nodeReader},
			rules: [{apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch']}],
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRoleBinding',
			metadata: {name: nodeReader},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: nodeReader},
			subjects: [subject],
		},
		{
			apiVersion: 'rbac.authorization.k8s.io/v1',
			kind: 'ClusterRoleBinding',
			metadata: {name: 'proxyinject-test:view'},
			roleRef: {apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view'},
			subjects: [subject],
		},
	];
	return objects.map(object => stringify(object)).join('---\n');
}

export function tokenKubeconfig(options: {clusterName: string; server: string; caFile: string; token: string}): string {
	const context = `${options.clusterName}-restricted`;
	return stringify({
		apiVersion: 'v1',
		kind: 'Config',
		clusters: [{name: options.clusterName, cluster: {server: options.server, 'certificate-authority': options.caFile}}],
		users: [{name: context, user: {token: options.token}}],
		contexts: [{name: context, context: {cluster: options.clusterName, user: context}}],
		'current-context': context,
	});
}
