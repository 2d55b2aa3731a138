import type {NodeInfo} from '../inventory/types.ts';

/** Nodes that do not list the same images of ours. */
export type ImagesMissing = {
	readonly images: readonly string[];
	/** In name order. */
	readonly nodes: readonly string[];
};

/** The nodes that do not list all of our images, one group per set of images they lack. */
export function groupMissingImages(nodes: readonly NodeInfo[]): ImagesMissing[] {
	const groups = new Map<string, {images: readonly string[]; nodes: string[]}>();
	for (const node of nodes) {
		const images = node.missingImages ?? [];
		if (images.length === 0) {
			continue;
		}

		const key = images.join('\n');
		const group = groups.get(key) ?? {images, nodes: []};
		group.nodes.push(node.name);
		groups.set(key, group);
	}

	return [...groups.values()].map(group => ({images: group.images, nodes: group.nodes.sort()}));
}
