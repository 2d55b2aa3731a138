# Sourced by the scripts that build test tools with Go (build-binaries.sh,
# ../release/build-krew-tools.sh). Each keeps its binaries in a cache folder
# outside the repository, keyed by versions, so a fresh clone reuses what an
# earlier run built. A folder counts as built only once its stamp is written:
# an interrupted build is resumed, never trusted.
# Callers read exit status 3 as "no Go" and 4 as "not built yet", and the
# folder as the last line of output.

# Prints the folder that holds every tool's cache.
go_tool_cache_root() {
	echo "${PROXYINJECT_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-proxyinject}"
}

# go_tool_cache_begin NAME FOLDER NOT_BUILT GO_BUILDS [--cached-only]
# Ends the script when there is nothing to build: printing FOLDER when it is
# built; with status 4 (saying "NAME: NOT_BUILT (FOLDER)") under --cached-only;
# with status 3 when Go is missing to build GO_BUILDS. Otherwise creates FOLDER
# and sets Go up for static binaries that do not depend on the build machine.
go_tool_cache_begin() {
	if [ -f "$2/.complete" ]; then
		echo "$2"
		exit 0
	fi
	if [ "${5:-}" = "--cached-only" ]; then
		echo "$1: $3 ($2)" >&2
		exit 4
	fi
	if ! command -v go >/dev/null 2>&1; then
		echo "$1: Go is not installed; it is needed to build $4" >&2
		exit 3
	fi
	mkdir -p "$2"
	export CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN=local
}

# go_tool_cache_finish FOLDER: marks it built and prints it as the last line.
go_tool_cache_finish() {
	touch "$1/.complete"
	echo "$1"
}
