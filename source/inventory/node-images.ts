import {imageMatcher} from './image-reference.ts';
import type {NodeObject} from './objects.ts';

/** An entry of a node's `status.images`. */
export type ListedImage = {readonly names?: readonly string[]};

/** The references in `wanted` that a node lists among its images. */
export function heldImages(listed: readonly ListedImage[] | undefined, wanted: readonly string[]): string[] {
	return wanted.filter(reference => {
		const matches = imageMatcher(reference);
		return listed?.some(image => image.names?.some(name => matches(name))) ?? false;
	});
}

const none: readonly string[] = Object.freeze([]);

/**
 * The references in `wanted` that the node does not list. The kubelet lists
 * only a node's largest images (50 by default), so one not listed is
 * probably, not certainly, missing.
 */
export function missingImages(node: NodeObject, wanted: readonly string[]): readonly string[] {
	const held = heldImages(node.status?.images, wanted);
	return held.length === wanted.length ? none : wanted.filter(reference => !held.includes(reference));
}
