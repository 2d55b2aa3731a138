// Both images come from registry.k8s.io, the registry every cluster already
// reaches for its pause image, so a node can pull them before it has a proxy.
// Both are pinned to the digest of their multi-arch index (tag@digest: the
// tag for readers, the digest for the runtime), so every architecture pulls
// exactly the image that was tested; the plugin sets imagePullPolicy
// IfNotPresent. --image and --pause-image replace them.

export const defaultImages = {
	/** Runs the host scripts: needs sh, coreutils (sha256sum, sync) and util-linux (nsenter, flock). */
	script: 'registry.k8s.io/build-image/debian-base:bookworm-v1.0.4@sha256:0a17678966f63e82e9c5e246d9e654836a33e13650a698adefede61bb5ca099e',
	/** Keeps the pod alive after the init container has done its work. */
	pause: 'registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a',
} as const;
