type Named = {readonly name: string};

export type KubeconfigParts<Cluster extends Named, User extends Named, Context extends Named> = {
	readonly clusters: readonly Cluster[];
	readonly users: readonly User[];
	readonly contexts: readonly Context[];
	readonly currentContext: string;
};

function firstByName<T extends Named>(lists: readonly (readonly T[])[]): T[] {
	const seen = new Map<string, T>();
	for (const item of lists.flat()) {
		if (!seen.has(item.name)) {
			seen.set(item.name, item);
		}
	}

	return [...seen.values()];
}

/** kubectl's merge of several kubeconfig files: the first file to define a name or the current context wins. */
export function mergeKubeconfigs<C extends Named, U extends Named, X extends Named>(parts: readonly KubeconfigParts<C, U, X>[]): KubeconfigParts<C, U, X> {
	return {
		clusters: firstByName(parts.map(part => part.clusters)),
		users: firstByName(parts.map(part => part.users)),
		contexts: firstByName(parts.map(part => part.contexts)),
		currentContext: parts.map(part => part.currentContext).find(Boolean) ?? '',
	};
}
