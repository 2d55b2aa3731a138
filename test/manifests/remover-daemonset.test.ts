import {describe, expect, it} from 'vitest';
import {labelKeys} from '../../source/manifests/names.ts';
import {buildRemoverDaemonSet} from '../../source/manifests/remover-daemonset.ts';

describe('buildRemoverDaemonSet', () => {
	const daemonSet = buildRemoverDaemonSet({namespace: 'ns', image: 'img:1', pauseImage: 'pause:1', scriptSums: `${'b'.repeat(64)}  remove.sh`});
	const pod = daemonSet.spec!.template.spec!;
	const init = pod.initContainers![0]!;

	it('is its own DaemonSet with its own selector', () => {
		expect(daemonSet.metadata).toMatchObject({name: 'proxyinject-remover', namespace: 'ns'});
		expect(daemonSet.spec!.selector.matchLabels).toEqual({[labelKeys.name]: 'proxyinject', [labelKeys.component]: 'remover'});
		expect(daemonSet.spec!.updateStrategy).toEqual({type: 'OnDelete'});
		expect(daemonSet.spec!.template.metadata!.annotations).toBeUndefined();
	});

	it('waits for the remove-hold label to go, not the inject one', () => {
		const expressions = pod.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchExpressions;
		expect(expressions).toEqual([{key: labelKeys.removeHold, operator: 'DoesNotExist'}]);
	});

	it('runs remove.sh privileged, without the Secret', () => {
		expect(init).toMatchObject({name: 'remove', command: ['sh', '-c', expect.any(String), 'proxyinject', 'remove.sh'], securityContext: {privileged: true}});
		expect(pod.volumes!.map(volume => volume.name)).toEqual(['config', 'host-systemd-units']);
		expect(init.volumeMounts!.map(mount => mount.mountPath)).toEqual(['/proxyinject/config', '/host/etc/systemd/system']);
		expect(init.env!.map(variable => variable.name)).toEqual([
			'HOST_ROOT', 'NODE_NAME', 'PROXYINJECT_CONFIG_DIR', 'PROXYINJECT_SECRET_DIR', 'PROXYINJECT_DROP_IN', 'PROXYINJECT_RUNTIME', 'PROXYINJECT_TIMEOUT',
			'PROXYINJECT_NSENTER', 'PROXYINJECT_SCRIPT_SHA256SUMS', 'PROXYINJECT_TERMINATION_LOG',
		]);
	});

	it('shares the injector\'s scheduling and hardening', () => {
		expect(pod).toMatchObject({
			hostPID: true,
			nodeSelector: {'kubernetes.io/os': 'linux'},
			tolerations: [{operator: 'Exists'}],
			priorityClassName: 'system-node-critical',
			automountServiceAccountToken: false,
			enableServiceLinks: false,
		});
		expect(pod.containers.map(container => container.name)).toEqual(['pause']);
	});
});
