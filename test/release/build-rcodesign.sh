#!/bin/sh
# Builds rcodesign (crate apple-codesign, without its notarization features)
# from crates.io into a cache folder outside the repository, keyed by version.
# The release tests use it to verify the macOS executables' signatures.
# About 11 minutes on 2 cores. Prints the folder as its last line.
# With --cached-only it never builds: exit status 4 means "not built yet".
set -eu

RCODESIGN_VERSION="${RCODESIGN_VERSION:-0.29.0}"
cache="${PROXYINJECT_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-proxyinject}"
dir="$cache/bin/rcodesign-$RCODESIGN_VERSION"

if [ -x "$dir/rcodesign" ]; then
	echo "$dir"
	exit 0
fi
if [ "${1:-}" = "--cached-only" ]; then
	echo "build-rcodesign: rcodesign $RCODESIGN_VERSION is not built yet ($dir)" >&2
	exit 4
fi
if ! command -v cargo >/dev/null 2>&1; then
	echo "build-rcodesign: cargo is needed to build rcodesign" >&2
	exit 3
fi

echo "build-rcodesign: building rcodesign $RCODESIGN_VERSION (about 11 minutes on 2 cores)" >&2
staging="$dir.partial"
rm -rf "$staging"
cargo install "apple-codesign@$RCODESIGN_VERSION" --locked --no-default-features --root "$staging" >&2
mkdir -p "$dir"
mv "$staging/bin/rcodesign" "$dir/rcodesign"
rm -rf "$staging"
echo "$dir"
