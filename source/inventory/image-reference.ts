// Image references compared the way a container runtime resolves them, so
// that a node listing `pause:3.10` is known to hold `docker.io/library/pause:3.10`.
// A runtime stores a reference that carries a digest by its digest alone
// (containerd drops the tag of `name:tag@sha256:...`), so with a digest only
// the digest decides.

type ImageReference = {readonly name: string; readonly tag?: string; readonly digest?: string};

const defaultRegistry = 'docker.io';

function isRegistry(component: string): boolean {
	return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** The name with docker's defaults made explicit: `docker.io/library/` for bare names. */
function normalName(name: string): string {
	const slash = name.indexOf('/');
	const first = slash === -1 ? '' : name.slice(0, slash);
	if (isRegistry(first)) {
		const registry = first === 'index.docker.io' ? defaultRegistry : first;
		return `${registry}/${name.slice(slash + 1)}`;
	}

	return slash === -1 ? `${defaultRegistry}/library/${name}` : `${defaultRegistry}/${name}`;
}

function parseReference(reference: string): ImageReference {
	const at = reference.indexOf('@');
	const named = at === -1 ? reference : reference.slice(0, at);
	const digest = at === -1 ? undefined : reference.slice(at + 1);
	const colon = named.lastIndexOf(':');
	const hasTag = colon > named.lastIndexOf('/');
	const name = normalName(hasTag ? named.slice(0, colon) : named);
	const tag = hasTag ? named.slice(colon + 1) : digest === undefined ? 'latest' : undefined;
	return {name, ...(tag !== undefined && {tag}), ...(digest !== undefined && {digest})};
}

/**
 * Tells whether a name a node reports in `status.images` is the image
 * `wanted` refers to. `wanted` is parsed once: a node lists up to 50 images
 * with several names each, and a cluster may have thousands of nodes.
 */
export function imageMatcher(wanted: string): (listed: string) => boolean {
	const want = parseReference(wanted);
	// Every spelling of the image ends its name with the last path component.
	const last = want.name.slice(want.name.lastIndexOf('/') + 1);
	return listed => {
		if (!listed.includes(last)) {
			return false;
		}

		const have = parseReference(listed);
		return have.name === want.name && (want.digest === undefined ? want.tag === have.tag : want.digest === have.digest);
	};
}
