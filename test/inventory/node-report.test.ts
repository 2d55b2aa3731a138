import {describe, expect, it} from 'vitest';
import {parseNodeReport} from '../../source/inventory/node-report.ts';
import {podProgress} from '../../source/inventory/pod-progress.ts';
import {injectorPod} from './pods.ts';

const sha = 'a'.repeat(64);
const line = (fields: string) => `proxyinject-result: ${fields}\n`;
const full = `runtime=containerd unit=containerd.service drop-in-sha256=${sha} restarted=yes runtime-pid-before=812 runtime-pid-after=1204 seconds=4`;

describe('parseNodeReport', () => {
	it('reads the line the host script writes', () => {
		expect(parseNodeReport(line(full))).toEqual({
			runtime: 'containerd',
			unit: 'containerd.service',
			dropInSha256: sha,
			restarted: true,
			runtimePidBefore: 812,
			runtimePidAfter: 1204,
			seconds: 4,
		});
	});

	it('"none" leaves a value out', () => {
		expect(parseNodeReport(line('runtime=docker unit=docker.service drop-in-sha256=none restarted=no runtime-pid-before=none runtime-pid-after=none seconds=0'))).toEqual({
			runtime: 'docker',
			unit: 'docker.service',
			restarted: false,
			seconds: 0,
		});
	});

	it('anything else is no report: other messages, a value out of shape, a missing key, an overlong line', () => {
		expect(parseNodeReport(undefined)).toBeUndefined();
		expect(parseNodeReport('proxyinject: handed over: docker.service restart\n')).toBeUndefined();
		expect(parseNodeReport(line(full.replace('containerd.service', 'containerd.service;rm')))).toBeUndefined();
		expect(parseNodeReport(line(full.replace('unit=containerd.service', 'unit=\u001B[31m.service')))).toBeUndefined();
		expect(parseNodeReport(line(full.replace('restarted=yes', 'restarted=maybe')))).toBeUndefined();
		expect(parseNodeReport(line(full.replace(sha, 'xyz')))).toBeUndefined();
		expect(parseNodeReport(line(full.replace('runtime-pid-before=812', 'runtime-pid-before=-1')))).toBeUndefined();
		expect(parseNodeReport(line(full.replace(' seconds=4', '')))).toBeUndefined();
		expect(parseNodeReport(line(`${full} padding=${'x'.repeat(1100)}`))).toBeUndefined();
	});

	it('unknown keys are ignored, so a newer node side can say more', () => {
		expect(parseNodeReport(line(`${full} live-restore=yes`))).toMatchObject({unit: 'containerd.service'});
	});
});

describe('podProgress carries the report of a done pod', () => {
	it('from the init container\'s termination message', () => {
		const pod = injectorPod({phase: 'Running', ready: true, init: {state: {terminated: {exitCode: 0, message: line(full)}}}});
		expect(podProgress(pod)).toEqual({phase: 'done', report: parseNodeReport(line(full))});
	});

	it('not before the pod is done', () => {
		const pod = injectorPod({phase: 'Pending', ready: false, init: {state: {terminated: {exitCode: 0, message: line(full)}}}});
		expect(podProgress(pod)).toEqual({phase: 'running'});
	});
});
