// Where the real node image is. build-node-image.sh owns the versions and the
// cache layout; this file only asks it.

import {join} from 'node:path';
import {runToolCacheScript, type ToolsMissing} from '../cluster/tool-cache-script.ts';

export type NodeImage = {
	readonly dir: string;
	readonly kernel: string;
	readonly initrd: string;
	/** Raw ext4 disk, provisioned; VMs boot copy-on-write overlays of it, never it. */
	readonly disk: string;
	readonly nodeTool: string;
	/** Content of the registry behind the test proxy. */
	readonly registryDir: string;
	readonly registryCert: string;
	readonly registryKey: string;
	/** The CA that signed registryCert. */
	readonly registryCa: string;
};

export type NodeImageLookup = {readonly found: true; readonly image: NodeImage} | ToolsMissing;

/** Served only by the registry behind the test proxy: a node pulls it only through the proxy. */
export const proxiedTestImage = 'registry.proxytest/proxytest/hello:1';
/** Preloaded on every node image: what the tests pass as --image and --pause-image. */
export const nodeImages = {script: 'proxyinject.test/script:1', pause: 'proxyinject.test/pause:1'} as const;

function imageIn(dir: string): NodeImage {
	return {
		dir,
		kernel: join(dir, 'vmlinuz'),
		initrd: join(dir, 'initrd'),
		disk: join(dir, 'node.img'),
		nodeTool: join(dir, 'node-tool'),
		registryDir: join(dir, 'registry'),
		registryCert: join(dir, 'registry-pki', 'server.crt'),
		registryKey: join(dir, 'registry-pki', 'server.key'),
		registryCa: join(dir, 'registry-pki', 'ca.crt'),
	};
}

async function lookup(args: string[], onProgress?: (text: string) => void): Promise<NodeImageLookup> {
	const answer = await runToolCacheScript({
		script: 'test/nodes/build-node-image.sh',
		args,
		withoutGo: 'the real node image is not cached and Go is not installed to build its tools',
		onProgress,
	});
	return answer.found ? {found: true, image: imageIn(answer.dir)} : answer;
}

export function findCachedNodeImage(): Promise<NodeImageLookup> {
	return lookup(['--cached-only']);
}

/** Builds the image first when it is not cached (~25 minutes cold on two cores). */
export function ensureNodeImage(onProgress?: (text: string) => void): Promise<NodeImageLookup> {
	return lookup([], onProgress);
}
