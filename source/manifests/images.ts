// Both images come from registry.k8s.io, the registry every cluster already
// reaches for its pause image, so a node can pull them before it has a proxy.
// Both are multi-arch and pinned; the plugin sets imagePullPolicy IfNotPresent.

export const defaultImages = {
	/** Runs the host scripts: needs sh and nsenter (util-linux). */
	script: 'registry.k8s.io/build-image/debian-base:bookworm-v1.0.4',
	/** Keeps the pod alive after the init container has done its work. */
	pause: 'registry.k8s.io/pause:3.10',
} as const;
