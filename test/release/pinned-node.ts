// Checks that a Node binary is the pinned one, byte for byte.

import {createHash} from 'node:crypto';
import {createReadStream, realpathSync} from 'node:fs';
import {hostNodePackage, pinFor, pinnedNodeVersion} from './node-pins.ts';

export async function sha256OfFile(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) {
		hash.update(chunk as Buffer);
	}

	return hash.digest('hex');
}

/** Throws unless the file is the Node binary of that package at its pinned sha256. */
export async function checkNodeBinary(path: string, nodePackage: string): Promise<void> {
	const expected = pinFor(nodePackage).binarySha256;
	const actual = await sha256OfFile(path);
	if (actual !== expected) {
		throw new Error(`${path} has sha256 ${actual}, but ${nodePackage}@${pinnedNodeVersion}'s Node binary is ${expected} (test/release/node-pins.ts): delete it and fetch it again (npm ci, or the release's cache folder)`);
	}
}

/** Throws unless the Node running this is the pinned version and binary. */
export async function checkRunningNode(): Promise<void> {
	if (process.versions.node !== pinnedNodeVersion) {
		throw new Error(`this is Node.js ${process.versions.node}, the project pins ${pinnedNodeVersion}: run through npm (npm test, npm run release) so that node_modules/.bin/node is used`);
	}

	await checkNodeBinary(realpathSync(process.execPath), hostNodePackage());
}

if (import.meta.main) {
	try {
		await checkRunningNode();
	} catch (error) {
		process.stderr.write(`pinned Node check failed: ${(error as Error).message}\n`);
		process.exit(1);
	}
}
