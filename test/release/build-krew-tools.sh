#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Builds krew (kubectl-krew) and krew's manifest validator
# (validate-krew-manifest) from the Go module proxy into a cache folder outside
# the repository, keyed by version, so later runs reuse them.
# Prints the folder that holds the binaries as its last line.
# With --cached-only it never builds: exit status 4 means "not built yet".
set -eu

KREW_VERSION="${KREW_VERSION:-v0.4.3}"

# shellcheck source=../cluster/go-tool-cache.sh disable=SC1091 # followed with -x, else checked on its own
. "$(dirname "$0")/../cluster/go-tool-cache.sh"
bin_dir="$(go_tool_cache_root)/bin/krew-$KREW_VERSION"
go_tool_cache_begin build-krew-tools "$bin_dir" \
	"krew $KREW_VERSION is not built yet" "krew" "$@"

echo "build-krew-tools: building krew $KREW_VERSION (a few minutes the first time)" >&2
# No version is stamped in: krew then counts as a development build and never
# checks GitHub for upgrades.
GOBIN="$bin_dir" go install -ldflags "-s -w" "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION" "sigs.k8s.io/krew/cmd/validate-krew-manifest@$KREW_VERSION"
# kubectl finds krew as a plugin by this name.
mv "$bin_dir/krew" "$bin_dir/kubectl-krew"
go_tool_cache_finish "$bin_dir"
