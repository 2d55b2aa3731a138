import type {Runtime} from '../../inventory/types.ts';

const units: Record<Runtime, string> = {
	containerd: 'containerd.service',
	docker: 'docker.service',
	'cri-o': 'crio.service',
};

/** The systemd drop-in the host script writes (apply) or deletes (remove) for a runtime. */
export function dropInPath(runtime: Runtime): string {
	return `/etc/systemd/system/${units[runtime]}.d/http-proxy.conf`;
}
