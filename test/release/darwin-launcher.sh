#!/bin/sh
# kubectl-proxyinject for macOS: runs the bundled plugin (kubectl-proxyinject.mjs,
# next to this file) with the Node.js on PATH, which must be 22.19 or newer.
# krew links this file into its bin folder, so links are followed to find the bundle.
set -e

self="$0"
while [ -L "$self" ]; do
	target="$(readlink "$self")"
	case "$target" in
		/*) self="$target" ;;
		*) self="$(dirname "$self")/$target" ;;
	esac
done
bundle="$(cd "$(dirname "$self")" && pwd -P)/kubectl-proxyinject.mjs"

node="$(command -v node || true)"
if [ -z "$node" ]; then
	echo "kubectl proxyinject: Node.js 22.19 or newer is needed on PATH (e.g. 'brew install node')" >&2
	exit 1
fi
if ! "$node" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
	echo "kubectl proxyinject: Node.js 22.19 or newer is needed; $node is $("$node" --version)" >&2
	exit 1
fi

exec "$node" "$bundle" "$@"
