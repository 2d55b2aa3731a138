import {describe, expect, it} from 'vitest';
import {buildCheckPod, type CheckInputs} from '../../source/manifests/check-pod.ts';

const inputs: CheckInputs = {unit: 'containerd.service', dropIn: 'a'.repeat(64), envFile: '', runtimeEnv: 'b'.repeat(64), ca: '', keyed: false};

describe('buildCheckPod', () => {
	it('a short-lived pod bound to the node, its script the fixed command, the expectations as environment values', () => {
		const pod = buildCheckPod('kube-system', 'node-a', 'img:1', 'echo fixed script', inputs, 120);
		expect(pod.metadata.name).toMatch(/^proxyinject-check-[0-9a-f]{10}-[0-9a-f]{6}$/);
		expect(pod.metadata.labels['app.kubernetes.io/component']).toBe('check');
		expect(pod.spec).toMatchObject({nodeName: 'node-a', restartPolicy: 'Never', activeDeadlineSeconds: 120, hostPID: true, automountServiceAccountToken: false, tolerations: [{operator: 'Exists'}]});
		const [container] = pod.spec.containers;
		expect(container!.command).toEqual(['sh', '-c', 'echo fixed script', 'proxyinject-check']);
		expect(container!.env).toContainEqual({name: 'PROXYINJECT_EXPECT_DROP_IN', value: 'a'.repeat(64)});
		expect(container!.terminationMessagePolicy).toBe('File');
	});

	it('reads the host read-only, and mounts only the key of the Secret, only when keyed', () => {
		const plain = buildCheckPod('kube-system', 'node-a', 'img:1', 'true', inputs, 120);
		expect(plain.spec.containers[0]!.volumeMounts).toEqual([{name: 'host-systemd-units', mountPath: '/host/etc/systemd/system', readOnly: true}]);
		expect(plain.spec.containers[0]!.securityContext).toEqual({privileged: true, readOnlyRootFilesystem: true});
		const keyed = buildCheckPod('kube-system', 'node-a', 'img:1', 'true', {...inputs, keyed: true}, 120);
		expect(keyed.spec.volumes).toContainEqual({name: 'settings-key', secret: {secretName: 'proxyinject-credentials', items: [{key: 'settings-hash-key', path: 'key'}], defaultMode: 0o400}});
		expect(keyed.spec.containers[0]!.env).toContainEqual({name: 'PROXYINJECT_KEY_FILE', value: '/proxyinject/key/key'});
	});
});
