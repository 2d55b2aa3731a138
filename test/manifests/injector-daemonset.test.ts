import {describe, expect, it} from 'vitest';
import {buildInjectorDaemonSet} from '../../source/manifests/injector-daemonset.ts';
import {annotationKeys, labelKeys} from '../../source/manifests/names.ts';
import {verifiedRun} from '../../source/manifests/verified-run.ts';

const scriptSums = `${'a'.repeat(64)}  inject.sh`;
const base = {namespace: 'kube-system', image: 'img:1', pauseImage: 'pause:1', settingsHash: '0123456789abcdef', scriptSums};

describe('buildInjectorDaemonSet', () => {
	const daemonSet = buildInjectorDaemonSet({...base, withCredentials: true});
	const pod = daemonSet.spec!.template.spec!;
	const init = pod.initContainers![0]!;

	it('is an apps/v1 DaemonSet named and labelled as the rest of the tree expects', () => {
		expect(daemonSet).toMatchObject({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 'proxyinject-injector', namespace: 'kube-system'}});
		expect(daemonSet.metadata!.labels).toEqual({
			[labelKeys.name]: 'proxyinject',
			[labelKeys.component]: 'injector',
			[labelKeys.managedBy]: 'kubectl-proxyinject',
		});
		expect(daemonSet.spec!.selector.matchLabels).toEqual({[labelKeys.name]: 'proxyinject', [labelKeys.component]: 'injector'});
		expect(daemonSet.spec!.template.metadata!.labels).toEqual(daemonSet.metadata!.labels);
	});

	it('annotates the pod template with the settings hash and leaves rolling to the plugin', () => {
		expect(daemonSet.spec!.template.metadata!.annotations).toEqual({[annotationKeys.settingsHash]: '0123456789abcdef'});
		expect(daemonSet.spec!.updateStrategy).toEqual({type: 'OnDelete'});
	});

	it('schedules on every Linux node that is not held, tolerating every taint', () => {
		expect(pod.nodeSelector).toEqual({'kubernetes.io/os': 'linux'});
		expect(pod.affinity).toEqual({
			nodeAffinity: {
				requiredDuringSchedulingIgnoredDuringExecution: {
					nodeSelectorTerms: [{matchExpressions: [{key: labelKeys.hold, operator: 'DoesNotExist'}]}],
				},
			},
		});
		expect(pod.tolerations).toEqual([{operator: 'Exists'}]);
		expect(pod.priorityClassName).toBe('system-node-critical');
	});

	it('has no API access and no service links, and stops quickly', () => {
		expect(pod.hostPID).toBe(true);
		expect(pod.automountServiceAccountToken).toBe(false);
		expect(pod.enableServiceLinks).toBe(false);
		expect(pod.terminationGracePeriodSeconds).toBeLessThanOrEqual(10);
		expect(pod.hostNetwork).toBeUndefined();
		expect(pod.serviceAccountName).toBeUndefined();
	});

	it('runs inject.sh, checked against the hashes in the template, in a privileged init container with the contract env', () => {
		expect(init).toMatchObject({
			name: 'inject',
			image: 'img:1',
			imagePullPolicy: 'IfNotPresent',
			command: ['sh', '-c', verifiedRun, 'proxyinject', 'inject.sh'],
			securityContext: {privileged: true},
			resources: {requests: {cpu: '10m', memory: '16Mi'}, limits: {memory: '64Mi'}},
		});
		expect(init.env).toEqual([
			{name: 'HOST_ROOT', value: '/host'},
			{name: 'NODE_NAME', valueFrom: {fieldRef: {fieldPath: 'spec.nodeName'}}},
			{name: 'PROXYINJECT_CONFIG_DIR', value: '/proxyinject/config'},
			{name: 'PROXYINJECT_SECRET_DIR', value: '/proxyinject/secret'},
			{name: 'PROXYINJECT_DROP_IN', value: 'http-proxy.conf'},
			{name: 'PROXYINJECT_RUNTIME', value: ''},
			{name: 'PROXYINJECT_TIMEOUT', value: '120'},
			{name: 'PROXYINJECT_NSENTER', value: '/usr/bin/nsenter'},
			{name: 'PROXYINJECT_SCRIPT_SHA256SUMS', value: scriptSums},
			{name: 'PROXYINJECT_TERMINATION_LOG', value: '/dev/termination-log'},
		]);
		expect(init).toMatchObject({terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'FallbackToLogsOnError'});
	});

	it('passes a runtime override and a timeout through env', () => {
		const env = buildInjectorDaemonSet({...base, withCredentials: false, runtime: 'docker', timeoutSeconds: 300}).spec!.template.spec!.initContainers![0]!.env!;
		expect(env).toContainEqual({name: 'PROXYINJECT_RUNTIME', value: 'docker'});
		expect(env).toContainEqual({name: 'PROXYINJECT_TIMEOUT', value: '300'});
	});

	it('mounts the ConfigMap, the optional Secret and the host\'s systemd unit directory, nothing else', () => {
		expect(init.volumeMounts).toEqual([
			{name: 'config', mountPath: '/proxyinject/config', readOnly: true},
			{name: 'credentials', mountPath: '/proxyinject/secret', readOnly: true},
			{name: 'host-systemd-units', mountPath: '/host/etc/systemd/system'},
		]);
		expect(pod.volumes).toEqual([
			{name: 'config', configMap: {name: 'proxyinject-config'}},
			{name: 'credentials', secret: {secretName: 'proxyinject-credentials', optional: true, defaultMode: 0o400}},
			// Never created on a host that lacks it.
			{name: 'host-systemd-units', hostPath: {path: '/etc/systemd/system', type: 'Directory'}},
		]);
		const hostPaths = pod.volumes!.filter(volume => volume.hostPath).map(volume => volume.hostPath!.path);
		expect(hostPaths).toEqual(['/etc/systemd/system']);
	});

	it('does not mount a Secret when the settings have no credentials, so a stale one cannot win', () => {
		const plain = buildInjectorDaemonSet({...base, withCredentials: false}).spec!.template.spec!;
		expect(plain.volumes!.map(volume => volume.name)).toEqual(['config', 'host-systemd-units']);
		expect(plain.initContainers![0]!.volumeMounts!.map(mount => mount.mountPath)).toEqual(['/proxyinject/config', '/host/etc/systemd/system']);
	});

	it('keeps the pod with an unprivileged pause container', () => {
		expect(pod.containers).toHaveLength(1);
		expect(pod.containers[0]).toMatchObject({
			name: 'pause',
			image: 'pause:1',
			imagePullPolicy: 'IfNotPresent',
			securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: ['ALL']}},
			resources: {requests: {cpu: '10m', memory: '16Mi'}, limits: {memory: '64Mi'}},
		});
		expect(pod.containers[0]!.volumeMounts).toBeUndefined();
	});
});
