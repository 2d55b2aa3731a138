import {describe, expect, it} from 'vitest';
import {decideDrift, isDrift, type Expected} from '../../source/drift/decide-drift.ts';
import type {CheckReport} from '../../source/drift/check-report.ts';

const settings: Expected = {kind: 'settings', dropInName: 'http-proxy.conf', variables: ['HTTPS_PROXY', 'https_proxy'], envFile: false};
const none: Expected = {kind: 'none', dropInName: 'http-proxy.conf', why: 'no proxy settings are applied'};
const inSync: CheckReport = {unit: 'containerd.service', unitLoaded: true, dropIn: 'matches', envFile: 'absent', runtimePid: 42, runtimeEnv: 'matches', others: [], othersTruncated: false};
const folder = '/etc/systemd/system/containerd.service.d';

describe('decideDrift', () => {
	it('files and running environment as expected: in-sync, no drift', () => {
		expect(decideDrift(inSync, settings)).toEqual({state: 'in-sync', detail: ''});
		expect(isDrift(decideDrift(inSync, settings))).toBe(false);
	});

	it.each([
		[{dropIn: 'absent'}, 'missing', `${folder}/http-proxy.conf is missing`],
		[{dropIn: 'differs'}, 'edited', `${folder}/http-proxy.conf differs from the settings in force`],
		[{dropIn: 'foreign'}, 'edited', `${folder}/http-proxy.conf was not written by kubectl-proxyinject`],
		[{envFile: 'differs'}, 'edited', `${folder}/http-proxy.env is there, but the settings in force have no credentials`],
		[{ca: 'absent'}, 'edited', 'the CA bundle of the settings in force is missing under /etc/systemd/system/proxyinject-ca'],
		[{runtimeEnv: 'differs'}, 'stale-runtime', 'containerd.service (pid 42) runs with other proxy settings than its drop-ins give: not restarted since they changed'],
		[{runtimeEnv: 'not-running'}, 'unknown', 'containerd.service is not running'],
		[{runtimeEnv: 'unreadable'}, 'unknown', 'the environment of containerd.service\'s main process could not be read'],
		[{unitLoaded: false}, 'unknown', 'containerd.service is not a systemd unit on this node'],
		[{error: 'key-unreadable'}, 'unknown', 'the check pod could not read the settings key from the Secret'],
	] as const)('%o: %s', (change, state, detail) => {
		const drift = decideDrift({...inSync, ...change}, settings);
		expect(drift).toEqual({state, detail});
		expect(isDrift(drift)).toBe(!['unknown', 'in-sync'].includes(state));
	});

	it('an expected environment file that is missing or differs is edited', () => {
		const withCredentials: Expected = {...settings, envFile: true};
		expect(decideDrift({...inSync, envFile: 'absent'}, withCredentials).detail).toBe(`${folder}/http-proxy.env is missing`);
		expect(decideDrift({...inSync, envFile: 'differs'}, withCredentials).detail).toBe(`${folder}/http-proxy.env differs from the settings in force`);
		expect(decideDrift({...inSync, envFile: 'matches'}, withCredentials).state).toBe('in-sync');
	});

	it('another drop-in overrides when it sorts after ours or sets a variable ours does not; files come first, then overrides, then the runtime', () => {
		const early = {path: `${folder}/10-early.conf`, variables: ['HTTPS_PROXY']};
		const late = {path: '/run/systemd/system/containerd.service.d/zz.conf', variables: ['NO_PROXY']};
		const extra = {path: `${folder}/00-first.conf`, variables: ['HTTP_PROXY']};
		expect(decideDrift({...inSync, others: [early]}, settings).state).toBe('in-sync');
		expect(decideDrift({...inSync, others: [early, late], runtimeEnv: 'differs'}, settings)).toEqual({state: 'overridden', detail: '/run/systemd/system/containerd.service.d/zz.conf (NO_PROXY) sets proxy variables over the drop-in of kubectl-proxyinject'});
		expect(decideDrift({...inSync, others: [extra, late], othersTruncated: true}, settings).detail).toBe(`${folder}/00-first.conf (HTTP_PROXY), /run/systemd/system/containerd.service.d/zz.conf (NO_PROXY) set proxy variables over the drop-in of kubectl-proxyinject, and more`);
		expect(decideDrift({...inSync, dropIn: 'differs', others: [late]}, settings).state).toBe('edited');
	});

	it('nothing expected: nothing of ours is not-installed, files of ours are edited with the reason', () => {
		const empty: CheckReport = {...inSync, dropIn: 'absent', envFile: 'absent', runtimeEnv: 'not-compared'};
		expect(decideDrift(empty, none)).toEqual({state: 'not-installed', detail: ''});
		expect(decideDrift({...empty, others: [{path: `${folder}/99-x.conf`, variables: ['HTTPS_PROXY']}]}, none).state).toBe('not-installed');
		expect(decideDrift({...empty, dropIn: 'foreign'}, none)).toEqual({state: 'not-installed', detail: `${folder}/http-proxy.conf is not from kubectl-proxyinject`});
		expect(decideDrift({...empty, dropIn: 'differs'}, none)).toEqual({state: 'edited', detail: `files of kubectl-proxyinject are in ${folder}, but no proxy settings are applied`});
	});
});
