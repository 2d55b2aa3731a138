#!/bin/sh
# Builds krew (kubectl-krew) and krew's manifest validator
# (validate-krew-manifest) from the Go module proxy into a cache folder outside
# the repository, keyed by version, so later runs reuse them.
# Prints the folder that holds the binaries as its last line.
# With --cached-only it never builds: exit status 4 means "not built yet".
set -eu

KREW_VERSION="${KREW_VERSION:-v0.4.3}"

cache_root="${PROXYINJECT_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-proxyinject}"
bin_dir="$cache_root/bin/krew-$KREW_VERSION"
stamp="$bin_dir/.complete"

if [ -f "$stamp" ]; then
	echo "$bin_dir"
	exit 0
fi

if [ "${1:-}" = "--cached-only" ]; then
	echo "build-krew-tools: krew $KREW_VERSION is not built yet ($bin_dir)" >&2
	exit 4
fi

if ! command -v go >/dev/null 2>&1; then
	echo "build-krew-tools: Go is not installed; it is needed to build krew" >&2
	exit 3
fi

echo "build-krew-tools: building krew $KREW_VERSION (a few minutes the first time)" >&2
mkdir -p "$bin_dir"
# No version is stamped in: krew then counts as a development build and never
# checks GitHub for upgrades.
CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN=local GOBIN="$bin_dir" \
	go install -ldflags "-s -w" "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION" "sigs.k8s.io/krew/cmd/validate-krew-manifest@$KREW_VERSION"
# kubectl finds krew as a plugin by this name.
mv "$bin_dir/krew" "$bin_dir/kubectl-krew"
touch "$stamp"
echo "$bin_dir"
