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
# with status 3 when Go is missing to build GO_BUILDS. Otherwise takes NAME's
# lock (two test runs on one machine build one after the other, and the second
# finds the first one's result), creates FOLDER and sets Go up for static
# binaries that do not depend on the build machine.
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
	go_tool_cache_lock "$1"
	if [ -f "$2/.complete" ]; then
		echo "$2"
		exit 0
	fi
	mkdir -p "$2"
	export CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN=local
}

# go_tool_cache_lock NAME: holds NAME's lock until the script ends (the kernel
# releases it when the process dies, so a killed build never blocks the next).
# Also gives NAME a work folder of its own: $go_tool_cache_work.
go_tool_cache_lock() {
	mkdir -p "$(go_tool_cache_root)/locks"
	exec 9>"$(go_tool_cache_root)/locks/$1.lock"
	if ! flock -n 9; then
		echo "$1: another run is building; waiting for it" >&2
		flock 9
	fi
	go_tool_cache_work="$(go_tool_cache_root)/build/$1"
	export go_tool_cache_work
}

# go_tool_cache_finish FOLDER: marks it built and prints it as the last line.
go_tool_cache_finish() {
	touch "$1/.complete"
	echo "$1"
}
