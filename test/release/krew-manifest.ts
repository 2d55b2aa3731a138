// The krew plugin manifest of a release: what `kubectl krew install` reads.

import {stringify} from 'yaml';
import {archiveName, pluginName, type Target, targetName} from './targets.ts';

export const homepage = 'https://github.com/kubectl-proxyinject/kubectl-proxyinject';

export const shortDescription = 'HTTP proxy for container runtimes on every node';

export const description = `\
Makes the container runtime (containerd, docker or cri-o) of every Linux node
pull images through an HTTP proxy, without SSH. A privileged DaemonSet writes a
systemd drop-in on each node, node by node, and restarts the runtime only where
the proxy settings changed; new and rebooted nodes get the settings when they
start. Before anything changes, the plugin shows the effective NO_PROXY and
which pods a runtime restart disrupts. 'kubectl proxyinject remove' undoes it all.
`;

export const caveats = `\
This plugin changes your nodes:
* It creates a ConfigMap (and a Secret when the proxy URL has credentials) and a
  privileged DaemonSet with host PID in the namespace kube-system (-n to change),
  whose pods write /etc/systemd/system/<runtime>.service.d/http-proxy.conf on
  every Linux node.
* It restarts the container runtime of each node whose settings change.
  Restarting docker stops the node's containers unless live-restore is on.
* It needs to list nodes and pods, patch node labels, and create, patch and
  delete ConfigMaps, Secrets, DaemonSets and pods in that namespace, whose Pod
  Security level must allow privileged pods. GKE Autopilot does not allow this.

Look first with 'kubectl proxyinject status' and 'kubectl proxyinject apply --dry-run'.

Shell completion (kubectl 1.26 or later) needs kubectl_complete-proxyinject,
which comes with the plugin, on your PATH; krew does not link it. On Linux
and macOS (again after each upgrade):
  ln -sf "\${KREW_ROOT:-$HOME/.krew}"/store/proxyinject/v*/kubectl_complete-proxyinject "\${KREW_ROOT:-$HOME/.krew}/bin/"
`;

export type ReleasedArchive = {
	readonly target: Target;
	/** Lowercase hex. */
	readonly sha256: string;
};

export type ManifestOptions = {
	/** package.json's version, without the leading v. */
	readonly version: string;
	readonly archives: readonly ReleasedArchive[];
	/** Where the archives of each version are published (default: the GitHub releases of homepage). */
	readonly downloadBase?: string;
};

export function releaseTag(version: string): string {
	return `v${version}`;
}

export function archiveUri(target: Target, version: string, downloadBase = `${homepage}/releases/download`): string {
	const tag = releaseTag(version);
	return `${downloadBase}/${tag}/${archiveName(target, tag)}`;
}

/** krew matches a platform by the labels os and arch only. */
export function platformSelector(target: Target): Record<string, unknown> {
	return {matchLabels: {os: target.os, arch: target.arch}};
}

export function krewManifest(options: ManifestOptions): Record<string, unknown> {
	return {
		apiVersion: 'krew.googlecontainertools.github.com/v1alpha2',
		kind: 'Plugin',
		metadata: {name: pluginName},
		spec: {
			version: releaseTag(options.version),
			homepage,
			shortDescription,
			description,
			caveats,
			platforms: options.archives.map(({target, sha256}) => {
				if (!/^[\da-f]{64}$/.test(sha256)) {
					throw new Error(`sha256 of ${targetName(target)} is not 64 lowercase hex digits: ${sha256}`);
				}

				return {
					selector: platformSelector(target),
					uri: archiveUri(target, options.version, options.downloadBase),
					sha256,
					bin: target.bin,
				};
			}),
		},
	};
}

export function krewManifestYaml(options: ManifestOptions): string {
	return stringify(krewManifest(options), {lineWidth: 0, blockQuote: 'literal'});
}
