import {delimiter, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {kubeconfigSource} from '../../source/cluster/kubeconfig-paths.ts';

const home = join('/home', 'someone');

describe('kubeconfigSource', () => {
	it('--kubeconfig alone wins over KUBECONFIG and home', () => {
		expect(kubeconfigSource('/etc/kc', ['/a', '/b'].join(delimiter), home)).toEqual({kind: 'flag', paths: ['/etc/kc']});
	});

	it('takes every KUBECONFIG entry in order', () => {
		expect(kubeconfigSource(undefined, ['/a', '/b', '/c'].join(delimiter), home)).toEqual({kind: 'env', paths: ['/a', '/b', '/c']});
	});

	it('drops empty KUBECONFIG entries and repeats (the first occurrence keeps its place)', () => {
		const env = ['', '/a', '', '/b', '/a', ''].join(delimiter);
		expect(kubeconfigSource(undefined, env, home)).toEqual({kind: 'env', paths: ['/a', '/b']});
	});

	it.each([undefined, '', delimiter, `${delimiter}${delimiter}`])('falls back to ~/.kube/config when KUBECONFIG is %j', env => {
		expect(kubeconfigSource(undefined, env, home)).toEqual({kind: 'home', paths: [join(home, '.kube', 'config')]});
	});
});
