import type {Runtime} from './types.ts';

const known: Record<string, Runtime> = {containerd: 'containerd', docker: 'docker', 'cri-o': 'cri-o'};

/** `containerd://1.7.24` -> containerd; anything we cannot configure -> undefined. */
export function parseRuntime(containerRuntimeVersion: string): Runtime | undefined {
	const scheme = containerRuntimeVersion.split('://')[0]?.toLowerCase() ?? '';
	return Object.hasOwn(known, scheme) ? known[scheme] : undefined;
}

export const runtimeUnits: Record<Runtime, string> = {
	containerd: 'containerd.service',
	docker: 'docker.service',
	'cri-o': 'crio.service',
};
