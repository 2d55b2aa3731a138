import type {AccessCheck, KubeClient} from '../cluster/kube-client.ts';
import {OperationError} from '../errors.ts';
import type {Operation} from '../plan/types.ts';

export type Command = Operation | 'status';

/** Every permission a command needs, so a refusal lists them all up front instead of failing half-way. */
export function requiredPermissions(command: Command, namespace: string): AccessCheck[] {
	const inNamespace = (verbs: string[], resource: string, group = '', subresource?: string) =>
		verbs.map(verb => ({verb, resource, group, subresource, namespace}));
	const clusterWide = (verbs: string[], resource: string) => verbs.map(verb => ({verb, resource}));
	const reading = [...clusterWide(['list'], 'nodes'), ...clusterWide(['list'], 'pods'), ...inNamespace(['get'], 'daemonsets', 'apps')];
	if (command === 'status') {
		return reading;
	}

	return [
		...reading,
		// preflight reads the target namespace's Pod Security level.
		{verb: 'get', resource: 'namespaces', group: '', namespace},
		...clusterWide(['patch'], 'nodes'),
		...inNamespace(['create', 'patch', 'delete'], 'configmaps'),
		...inNamespace(command === 'apply' ? ['get', 'create', 'patch', 'delete'] : ['delete'], 'secrets'),
		...inNamespace(['create', 'patch', 'delete'], 'daemonsets', 'apps'),
		...inNamespace(['watch', 'delete'], 'pods'),
		...inNamespace(['get'], 'pods', '', 'log'),
	];
}

export function describeCheck(check: AccessCheck): string {
	const resource = `${check.resource}${check.subresource ? `/${check.subresource}` : ''}${check.group ? `.${check.group}` : ''}`;
	return `${check.verb} ${resource}${check.namespace ? ` in namespace ${check.namespace}` : ' (cluster-wide)'}`;
}

const enforceLabel = 'pod-security.kubernetes.io/enforce';

/** Refuses, before anything is written, what the cluster would refuse half-way. */
export async function preflight(client: KubeClient, command: Command, namespace: string): Promise<void> {
	// The three questions go out together; their answers are judged in turn.
	const settled = <T>(request: Promise<T>) => request.then(value => () => value, (error: unknown) => () => {
		throw error;
	});
	const permissions = settled(client.missingPermissions(requiredPermissions(command, namespace)));
	const groupNames = command === 'status' ? undefined : settled(client.apiGroupNames());
	const namespaceRead = command === 'status' ? undefined : settled(client.readNamespace(namespace));
	const missing = (await permissions)();
	if (missing.length > 0) {
		throw new OperationError(
			`missing permissions on context "${client.endpoint.context}":\n${missing.map(check => `  - ${describeCheck(check)}`).join('\n')}`,
			'Nothing was changed. Ask a cluster admin for these permissions, or use a context that has them.',
		);
	}

	if (groupNames === undefined || namespaceRead === undefined) {
		return;
	}

	const groups = (await groupNames)();
	if (groups.includes('auto.gke.io')) {
		throw new OperationError(
			'this is a GKE Autopilot cluster: it refuses privileged DaemonSets that Google has not allowlisted',
			'Nothing was changed. On Autopilot, configure the proxy for image pulls with GKE\'s own node settings instead.',
		);
	}

	const target = (await namespaceRead)();
	if (!target) {
		throw new OperationError(`namespace ${namespace} does not exist`, `Nothing was changed. Create it (kubectl create namespace ${namespace}) or leave out -n to use kube-system.`);
	}

	const level = target.metadata?.labels?.[enforceLabel];
	if (level !== undefined && level !== 'privileged') {
		throw new OperationError(
			`namespace ${namespace} enforces Pod Security level "${level}": it would reject the privileged pods this needs`,
			`Nothing was changed. Use a namespace that allows privileged pods (-n kube-system), or label it: kubectl label namespace ${namespace} ${enforceLabel}=privileged --overwrite`,
		);
	}
}

/** --verify-image creates a pod per node in the namespace (server-side apply: create and patch): refused up front, before a node is touched. */
export async function verifyPreflight(client: KubeClient, namespace: string): Promise<void> {
	const missing = await client.missingPermissions(['create', 'patch'].map(verb => ({verb, resource: 'pods', group: '', namespace})));
	if (missing.length > 0) {
		throw new OperationError(
			`--verify-image: missing permission on context "${client.endpoint.context}":\n${missing.map(check => `  - ${describeCheck(check)}`).join('\n')}`,
			'Nothing was changed. Ask a cluster admin for it, or run without --verify-image.',
		);
	}
}

/** --drain also evicts pods anywhere in the cluster: refused up front, before a node is cordoned. */
export async function drainPreflight(client: KubeClient): Promise<void> {
	const missing = await client.missingPermissions([{verb: 'create', resource: 'pods', subresource: 'eviction'}]);
	if (missing.length > 0) {
		throw new OperationError(
			`--drain: missing permission on context "${client.endpoint.context}":\n${missing.map(check => `  - ${describeCheck(check)}`).join('\n')}`,
			'Nothing was changed. Ask a cluster admin for it, or run without --drain.',
		);
	}
}
