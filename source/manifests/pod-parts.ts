import type {V1Container, V1EnvVar, V1ResourceRequirements, V1Toleration, V1Volume, V1VolumeMount} from '@kubernetes/client-node';
import {containerNames, dataKeys, names, terminationLogPath} from './names.ts';
import {verifiedRun} from './verified-run.ts';

/** Where the pods see things; the host scripts read these through env. */
export const podPaths = {
	config: '/proxyinject/config',
	secret: '/proxyinject/secret',
	hostRoot: '/host',
	systemdUnits: '/etc/systemd/system',
	/** util-linux in the script image; the scripts reach the host only through it. */
	nsenter: '/usr/bin/nsenter',
} as const;

export const defaultRuntimeTimeoutSeconds = 120;

const volumeNames = {
	config: 'config',
	secret: 'credentials',
	systemdUnits: 'host-systemd-units',
} as const;

export type ScriptContainerOptions = {
	readonly name: string;
	readonly image: string;
	readonly script: string;
	/** Forces the runtime on every node; empty or absent: detected per node. */
	readonly runtime?: string;
	readonly timeoutSeconds?: number;
	readonly mountSecret: boolean;
	/** sha256sum lines of every host script (see scriptSums). */
	readonly scriptSums: string;
	/**
	 * The injector's: sha256 of the CA bundle (--ca-file) it may install. Like
	 * the script sums, it ties what runs as root to the pod template: who can
	 * edit only the ConfigMap cannot make the runtimes trust a CA of theirs.
	 */
	readonly caSha256?: string;
};

function resources(): V1ResourceRequirements {
	return {requests: {cpu: '10m', memory: '16Mi'}, limits: {memory: '64Mi'}};
}

export function scriptContainer(options: ScriptContainerOptions): V1Container {
	const mounts: V1VolumeMount[] = [
		{name: volumeNames.config, mountPath: podPaths.config, readOnly: true},
		...(options.mountSecret ? [{name: volumeNames.secret, mountPath: podPaths.secret, readOnly: true}] : []),
		{name: volumeNames.systemdUnits, mountPath: `${podPaths.hostRoot}${podPaths.systemdUnits}`},
	];
	return {
		name: options.name,
		image: options.image,
		imagePullPolicy: 'IfNotPresent',
		// Runs only copies of the scripts whose hashes this template carries.
		command: ['sh', '-c', verifiedRun, 'proxyinject', options.script],
		env: scriptEnv(options),
		terminationMessagePath: terminationLogPath,
		// A failed run without a message of its own reports its last log lines.
		terminationMessagePolicy: 'FallbackToLogsOnError',
		// Privileged with hostPID: nsenter into PID 1's mount namespace to run
		// systemctl on the host.
		securityContext: {privileged: true},
		resources: resources(),
		volumeMounts: mounts,
	};
}

function scriptEnv(options: ScriptContainerOptions): V1EnvVar[] {
	return [
		{name: 'HOST_ROOT', value: podPaths.hostRoot},
		{name: 'NODE_NAME', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}},
		{name: 'PROXYINJECT_CONFIG_DIR', value: podPaths.config},
		{name: 'PROXYINJECT_SECRET_DIR', value: podPaths.secret},
		{name: 'PROXYINJECT_DROP_IN', value: dataKeys.dropIn},
		{name: 'PROXYINJECT_RUNTIME', value: options.runtime ?? ''},
		{name: 'PROXYINJECT_TIMEOUT', value: String(options.timeoutSeconds ?? defaultRuntimeTimeoutSeconds)},
		{name: 'PROXYINJECT_NSENTER', value: podPaths.nsenter},
		{name: 'PROXYINJECT_SCRIPT_SHA256SUMS', value: options.scriptSums},
		{name: 'PROXYINJECT_TERMINATION_LOG', value: terminationLogPath},
		...(options.caSha256 === undefined ? [] : [{name: 'PROXYINJECT_CA_SHA256', value: options.caSha256}]),
	];
}

export function pauseContainer(image: string): V1Container {
	return {
		name: containerNames.pause,
		image,
		imagePullPolicy: 'IfNotPresent',
		securityContext: {
			allowPrivilegeEscalation: false,
			readOnlyRootFilesystem: true,
			capabilities: {drop: ['ALL']},
		},
		resources: resources(),
	};
}

export function scriptVolumes(options: {readonly mountSecret: boolean}): V1Volume[] {
	return [
		{name: volumeNames.config, configMap: {name: names.configMap}},
		...(options.mountSecret ? [{name: volumeNames.secret, secret: {secretName: names.secret, optional: true, defaultMode: 0o400}}] : []),
		// Directory, not DirectoryOrCreate: a host without systemd must not get the tree created.
		{name: volumeNames.systemdUnits, hostPath: {path: podPaths.systemdUnits, type: 'Directory'}},
	];
}

/** Runs everywhere, tainted or not: a node without the proxy cannot pull. */
export function tolerateEverything(): V1Toleration[] {
	return [{operator: 'Exists'}];
}
