import type {V1EnvVar} from '@kubernetes/client-node';
import {buildNodePod} from './node-pod.ts';
import {dataKeys, names, terminationLogPath} from './names.ts';
import {podPaths} from './pod-parts.ts';

export const checkContainer = 'check';

/** What check-drift.sh compares a node with: digests (see checkDigest), empty for "absent" / "not compared". */
export type CheckInputs = {
	readonly unit: string;
	readonly dropIn: string;
	readonly envFile: string;
	readonly runtimeEnv: string;
	/** `<16 hex digits> <digest>`, or empty. */
	readonly ca: string;
	/** The digests are keyed with the Secret's settings-hash key, which the pod mounts. */
	readonly keyed: boolean;
};

const keyDirectory = '/proxyinject/key';
const keyFile = 'key';

/**
 * status --check on one node: runs `script` (check-drift.sh, the pod's
 * command itself, never read from the cluster) to report, in its
 * termination message, how the node's runtime stands against `inputs`.
 * Read-only by construction where the API allows it: the host's
 * /etc/systemd/system is mounted read-only, the container's root too, and
 * of the Secret only the key is mounted. It still needs privileged and
 * hostPID, as the injector does, to ask the host's systemd (nsenter into
 * PID 1's mount namespace) and read the runtime's /proc/<pid>/environ.
 */
export function buildCheckPod(namespace: string, node: string, image: string, script: string, inputs: CheckInputs, timeoutSeconds: number) {
	const env: V1EnvVar[] = [
		{name: 'HOST_ROOT', value: podPaths.hostRoot},
		{name: 'PROXYINJECT_NSENTER', value: podPaths.nsenter},
		{name: 'PROXYINJECT_UNIT', value: inputs.unit},
		{name: 'PROXYINJECT_DROP_IN', value: dataKeys.dropIn},
		{name: 'PROXYINJECT_EXPECT_DROP_IN', value: inputs.dropIn},
		{name: 'PROXYINJECT_EXPECT_ENV_FILE', value: inputs.envFile},
		{name: 'PROXYINJECT_EXPECT_RUNTIME_ENV', value: inputs.runtimeEnv},
		{name: 'PROXYINJECT_EXPECT_CA', value: inputs.ca},
		{name: 'PROXYINJECT_KEY_FILE', value: inputs.keyed ? `${keyDirectory}/${keyFile}` : ''},
		{name: 'PROXYINJECT_TERMINATION_LOG', value: terminationLogPath},
	];
	return buildNodePod('check', namespace, node, timeoutSeconds, {
		hostPID: true,
		containers: [{
			name: checkContainer,
			image,
			imagePullPolicy: 'IfNotPresent',
			command: ['sh', '-c', script, 'proxyinject-check'],
			env,
			terminationMessagePath: terminationLogPath,
			// Only what the script writes: its logs are not for the pod's status.
			terminationMessagePolicy: 'File',
			securityContext: {privileged: true, readOnlyRootFilesystem: true},
			resources: {requests: {cpu: '10m', memory: '16Mi'}, limits: {memory: '64Mi'}},
			volumeMounts: [
				{name: 'host-systemd-units', mountPath: `${podPaths.hostRoot}${podPaths.systemdUnits}`, readOnly: true},
				...(inputs.keyed ? [{name: 'settings-key', mountPath: keyDirectory, readOnly: true}] : []),
			],
		}],
		volumes: [
			{name: 'host-systemd-units', hostPath: {path: podPaths.systemdUnits, type: 'Directory'}},
			...(inputs.keyed ? [{name: 'settings-key', secret: {secretName: names.secret, items: [{key: dataKeys.settingsHashKey, path: keyFile}], defaultMode: 0o400}}] : []),
		],
	});
}
