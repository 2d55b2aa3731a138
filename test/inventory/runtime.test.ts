import {describe, expect, it} from 'vitest';
import {parseRuntime, runtimeUnits} from '../../source/inventory/runtime.ts';

describe('parseRuntime', () => {
	it.each([
		['containerd://1.7.24', 'containerd'],
		['containerd://2.0.0', 'containerd'],
		['docker://20.10.7', 'docker'],
		['cri-o://1.30.4', 'cri-o'],
		['Containerd://1.6.0', 'containerd'],
		['containerd', 'containerd'],
	])('%s -> %s', (version, runtime) => {
		expect(parseRuntime(version)).toBe(runtime);
	});

	it.each(['', 'rkt://1.0', 'cri-dockerd://0.3.1', 'remote://1', '://1.0', 'containerd-shim://1', 'crio://1.30'])('%j is not one we configure', version => {
		expect(parseRuntime(version)).toBeUndefined();
	});

	it('does not take a name from the object prototype', () => {
		expect(parseRuntime('constructor://1')).toBeUndefined();
		expect(parseRuntime('__proto__://1')).toBeUndefined();
		expect(parseRuntime('hasOwnProperty://1')).toBeUndefined();
	});
});

describe('runtimeUnits', () => {
	it('names the systemd unit of each runtime', () => {
		expect(runtimeUnits).toEqual({containerd: 'containerd.service', docker: 'docker.service', 'cri-o': 'crio.service'});
	});
});
