#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Builds the real control-plane binaries the e2e tests run (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, etcd, kwok, kwokctl) and
# the kubelet of the real node VMs from
# the Go module proxy, into a cache folder outside the repository keyed by the
# versions, so a fresh clone reuses what an earlier run built.
# Prints the folder that holds the binaries as its last line.
# With --cached-only it never builds: exit status 4 means "not built yet".
set -eu

KUBE_VERSION="${KUBE_VERSION:-v1.35.4}"
ETCD_VERSION="${ETCD_VERSION:-v3.6.16}"
KWOK_VERSION="${KWOK_VERSION:-v0.8.0}"

# shellcheck source=go-tool-cache.sh disable=SC1091 # followed with -x, else checked on its own
. "$(dirname "$0")/go-tool-cache.sh"
cache_root="$(go_tool_cache_root)"
bin_dir="$cache_root/bin/kube-$KUBE_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
go_tool_cache_begin build-binaries "$bin_dir" \
	"the test cluster binaries are not built yet" "the test cluster" "$@"

log() { echo "build-binaries: $*" >&2; }

work="$go_tool_cache_work"
mkdir -p "$work"

# Writes a wrapper module that requires $2@$3 and replaces every module that
# $2's own go.mod replaces with a local path by the same module at $4.
wrapper_module() {
	dir="$1" module="$2" version="$3" staged_version="$4"
	rm -rf "$dir"
	mkdir -p "$dir"
	gomod="$(cd "$dir" && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')"
	go_line="$(grep -m1 '^go ' "$gomod")"
	{
		echo "module proxyinject.test/wrapper"
		echo
		echo "$go_line"
		echo
		echo "require $module $version"
		echo
		echo "replace ("
		sed -n 's/^[[:space:]]*\([^[:space:]]*\)[[:space:]]*=>[[:space:]]*\.\{1,2\}\/.*$/\t\1 => \1 '"$staged_version"'/p' "$gomod"
		echo ")"
	} >"$dir/go.mod"
}

kube_commands="kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet"
kube_missing=""
for cmd in $kube_commands; do
	[ -x "$bin_dir/$cmd" ] || kube_missing="$kube_missing $cmd"
done
if [ -n "$kube_missing" ]; then
	log "building Kubernetes $KUBE_VERSION (a cold build takes 15-30 minutes)"
	staged="v0.${KUBE_VERSION#v1.}"
	wrapper_module "$work/kubernetes" k8s.io/kubernetes "$KUBE_VERSION" "$staged"
	minor="$(echo "$KUBE_VERSION" | cut -d. -f2)"
	ldflags="-s -w"
	for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
		ldflags="$ldflags -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
	done
	cd "$work/kubernetes"
	for cmd in $kube_missing; do
		go get "k8s.io/kubernetes/cmd/$cmd@$KUBE_VERSION" >/dev/null 2>&1 || true
	done
	for cmd in $kube_missing; do
		log "  $cmd"
		go build -mod=mod -ldflags "$ldflags" -o "$bin_dir/$cmd" "k8s.io/kubernetes/cmd/$cmd"
	done
fi

if [ ! -x "$bin_dir/etcd" ]; then
	log "building etcd $ETCD_VERSION"
	wrapper_module "$work/etcd" go.etcd.io/etcd/server/v3 "$ETCD_VERSION" "$ETCD_VERSION"
	cd "$work/etcd"
	go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >/dev/null 2>&1 || true
	go build -mod=mod -ldflags "-s -w" -o "$bin_dir/etcd" go.etcd.io/etcd/server/v3
fi

if [ ! -x "$bin_dir/kwok" ] || [ ! -x "$bin_dir/kwokctl" ]; then
	log "building kwok $KWOK_VERSION"
	GOBIN="$bin_dir" go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
fi

go_tool_cache_finish "$bin_dir"
