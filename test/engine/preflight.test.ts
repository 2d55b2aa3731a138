import {describe, expect, it} from 'vitest';
import {describeCheck, requiredPermissions} from '../../source/engine/preflight.ts';

const described = (command: 'status' | 'apply' | 'remove') => requiredPermissions(command, 'kube-system').map(check => describeCheck(check));

describe('requiredPermissions', () => {
	it('status only reads', () => {
		expect(described('status')).toEqual([
			'list nodes (cluster-wide)',
			'list pods (cluster-wide)',
			'get daemonsets.apps in namespace kube-system',
		]);
	});

	it('apply reads, labels nodes, writes the objects and reads the secret and pod logs', () => {
		const apply = described('apply');
		expect(apply).toEqual(expect.arrayContaining([
			...described('status'),
			'get namespaces in namespace kube-system',
			'patch nodes (cluster-wide)',
			'create configmaps in namespace kube-system',
			'patch configmaps in namespace kube-system',
			'delete configmaps in namespace kube-system',
			'get secrets in namespace kube-system',
			'create secrets in namespace kube-system',
			'patch secrets in namespace kube-system',
			'delete secrets in namespace kube-system',
			'create daemonsets.apps in namespace kube-system',
			'patch daemonsets.apps in namespace kube-system',
			'delete daemonsets.apps in namespace kube-system',
			'watch pods in namespace kube-system',
			'delete pods in namespace kube-system',
			'get pods/log in namespace kube-system',
		]));
		expect(apply).toHaveLength(18);
	});

	it('remove only deletes secrets, never reads them', () => {
		const remove = described('remove');
		expect(remove).toContain('delete secrets in namespace kube-system');
		expect(remove.filter(text => text.includes('secrets'))).toEqual(['delete secrets in namespace kube-system']);
		expect(remove).toContain('create daemonsets.apps in namespace kube-system');
		expect(remove).toContain('patch nodes (cluster-wide)');
		expect(remove).toContain('get namespaces in namespace kube-system');
	});

	it('asks in the namespace it is given', () => {
		for (const check of requiredPermissions('apply', 'proxy-system')) {
			if (check.namespace !== undefined) {
				expect(check.namespace).toBe('proxy-system');
			}
		}
	});

	it('asks no question twice', () => {
		for (const command of ['status', 'apply', 'remove'] as const) {
			const texts = described(command);
			expect(new Set(texts).size, command).toBe(texts.length);
		}
	});

	it('uses the core group for core resources and apps for daemonsets', () => {
		const checks = requiredPermissions('apply', 'ns');
		expect(checks.filter(check => check.resource === 'daemonsets').every(check => check.group === 'apps')).toBe(true);
		expect(checks.filter(check => check.resource === 'configmaps').every(check => check.group === '')).toBe(true);
	});
});

describe('describeCheck', () => {
	it.each([
		[{verb: 'list', resource: 'nodes'}, 'list nodes (cluster-wide)'],
		[{verb: 'get', resource: 'daemonsets', group: 'apps', namespace: 'ns'}, 'get daemonsets.apps in namespace ns'],
		[{verb: 'get', resource: 'pods', group: '', subresource: 'log', namespace: 'ns'}, 'get pods/log in namespace ns'],
		[{verb: 'create', resource: 'deployments', group: 'apps', subresource: 'scale'}, 'create deployments/scale.apps (cluster-wide)'],
	])('%j -> %s', (check, text) => {
		expect(describeCheck(check)).toBe(text);
	});
});
