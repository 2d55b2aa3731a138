// Nodes that do not list the injector's images: the plan names them before
// anything is written, as a warning in the plain output (--yes), for apply
// and for remove. The kwok nodes list the default images as a kubelet on
// containerd does after a pull by tag@digest (by digest alone), except the
// nodes created without them.

import {describe, expect, it} from 'vitest';
import {defaultImages} from '../../source/manifests/images.ts';
import {useCluster} from '../cluster/fixture.ts';
import {runPlugin} from './plugin.ts';

const proxy = ['--https-proxy', 'http://proxy.corp.example:3128'];
const mirror = {script: 'mirror.corp.example/proxyinject/script:1', pause: 'mirror.corp.example/proxyinject/pause:1'};

describe('nodes that do not list the images yet', () => {
	const cluster = useCluster({name: 'e2e-images', containerd: 3, docker: 1, windows: 1, workloadPodsPerNode: 0, withoutImages: ['containerd-2', 'docker-1', 'windows-1']});

	it('apply --yes warns about exactly the nodes it configures that lack them, then goes ahead', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['apply', ...proxy, '--yes', '--rollout', 'all']);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		// The Windows node lacks them too, but is never configured.
		expect(result.stdout).toContain(`warning: Images not listed on 2 node(s) (${defaultImages.script}, ${defaultImages.pause}): containerd-2, docker-1.\n`);
		expect(result.stdout).toContain('warning: They must pull them: the --image one with their current settings, before the proxy is set, the --pause-image one through the proxy. Pass both from a registry those nodes reach, or pre-pull them.');
	});

	it('remove with images no node lists names every node it works on, with the advice for remove', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['remove', '--image', mirror.script, '--pause-image', mirror.pause, '--yes', '--rollout', 'all', '--timeout', '2m']);

		expect(result.stdout).toContain(`warning: Images not listed on 4 node(s) (${mirror.script}, ${mirror.pause}): containerd-1, containerd-2, containerd-3, docker-1.\n`);
		expect(result.stdout).toContain('warning: They must pull them: the --image one through the proxy they still have, the --pause-image one once it is removed.');
		// kwok nodes pull nothing: the rollout itself is not what this shows.
		expect(result.code, result.stdout + result.stderr).toBe(0);
	});
});
