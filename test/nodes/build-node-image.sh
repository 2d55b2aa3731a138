#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Builds what the real node VMs of the tests boot: a Debian root filesystem
# with real systemd, containerd, docker (+ cri-dockerd) and the QEMU guest
# agent; the container images a node needs without any registry (the plugin's
# default script and pause images, built from Debian packages and a static Go
# program) already imported into containerd and docker by one provisioning
# boot; the kernel and initrd; and the node tool (test proxy, registry, image
# writer). Everything goes into a cache folder outside the repository keyed by
# the versions and a hash of this folder's inputs, so a fresh clone reuses
# what an earlier run built. The kubelet comes from build-binaries.sh.
# Prints the folder as its last line. With --cached-only it never builds:
# exit status 4 means "not built yet".
set -eu

DEBIAN_SUITE="${DEBIAN_SUITE:-bookworm}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CRI_DOCKERD_VERSION="${CRI_DOCKERD_VERSION:-v0.3.17}"

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../cluster/go-tool-cache.sh disable=SC1091 # followed with -x, else checked on its own
. "$here/../cluster/go-tool-cache.sh"
inputs="$(cd "$here" && find build-node-image.sh guest node-tool -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)"
out="$(go_tool_cache_root)/node-image/$DEBIAN_SUITE-cri-dockerd-$CRI_DOCKERD_VERSION-$inputs"
go_tool_cache_begin build-node-image "$out" \
	"the real node image is not built yet" "the node tool and cri-dockerd" "$@"

log() { echo "build-node-image: $*" >&2; }
for tool in debootstrap mkfs.ext4 qemu-system-x86_64 qemu-img; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "build-node-image: $tool is missing (Debian packages: debootstrap e2fsprogs qemu-system-x86 qemu-utils)" >&2
		exit 1
	}
done

work="$go_tool_cache_work/$DEBIAN_SUITE"
mkdir -p "$work"

# Stamped steps: a step whose stamp exists is not run again, so an
# interrupted build resumes where it stopped. The downloads are keyed by the
# versions only; what this folder's files shape, by their hash too.
step() {
	case $1 in
	rootfs | script_image_root | cri_dockerd) stamp="$work/.$1.done" ;;
	*) stamp="$work/.$1.$inputs.done" ;;
	esac
	[ -e "$stamp" ] && return 0
	log "$2"
	"step_$1"
	touch "$stamp"
}

node_packages="systemd,systemd-sysv,dbus,udev,kmod,procps,iproute2,iptables,ca-certificates,util-linux,e2fsprogs,netbase,\
containerd,runc,containernetworking-plugins,docker.io,apparmor,qemu-guest-agent,linux-image-amd64,initramfs-tools"

step_rootfs() {
	rm -rf "$work/rootfs"
	debootstrap --variant=minbase --include="$node_packages" "$DEBIAN_SUITE" "$work/rootfs" "$DEBIAN_MIRROR" >"$work/rootfs.log" 2>&1 ||
		{ tail -n 20 "$work/rootfs.log" >&2; exit 1; }
	rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
}

step_script_image_root() {
	rm -rf "$work/script-root"
	debootstrap --variant=minbase "$DEBIAN_SUITE" "$work/script-root" "$DEBIAN_MIRROR" >"$work/script-root.log" 2>&1 ||
		{ tail -n 20 "$work/script-root.log" >&2; exit 1; }
	rm -rf "$work/script-root/var/cache/apt/archives/"*.deb "$work/script-root/var/lib/apt/lists/"*
}

# cri-dockerd's go.mod replaces modules, which go install refuses: build it
# inside a copy of its own module.
step_cri_dockerd() {
	module_dir="$(cd "$work" && go mod download -json "github.com/Mirantis/cri-dockerd@$CRI_DOCKERD_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
	rm -rf "$work/cri-dockerd-src"
	cp -r "$module_dir" "$work/cri-dockerd-src"
	chmod -R u+w "$work/cri-dockerd-src"
	(cd "$work/cri-dockerd-src" && go build -mod=mod -ldflags "-s -w" -o "$work/cri-dockerd" .)
}

step_node_tool() {
	(cd "$here/node-tool" && go build -ldflags "-s -w" -o "$work/node-tool" .)
}

# The registry's certificate, made once per image: the node trusts its CA
# for registry.proxytest, the name only the test proxy resolves.
step_registry_cert() {
	"$work/node-tool" cert -dir "$work/registry-pki" -hosts registry.proxytest -ca-name "proxyinject test registry CA"
}

# Images the nodes have without a registry: the script image (Debian minbase,
# which has sh, nsenter, flock and coreutils) and a static pause, under test
# names and under the plugin's default names; and a test image that only the
# registry behind the proxy serves.
step_images() {
	images="$work/images"
	rm -rf "$images" "$work/registry"
	mkdir -p "$images/pause-root" "$images/hello-root"
	tar -C "$work/script-root" --numeric-owner --sort=name -cf "$images/script-layer.tar" .
	"$work/node-tool" mkimage -layer "$images/script-layer.tar" -cmd /bin/sh \
		-ref proxyinject.test/script:1,registry.k8s.io/build-image/debian-base:bookworm-v1.0.4 -docker "$images/script.tar"
	cp "$work/node-tool" "$images/pause-root/pause"
	tar -C "$images/pause-root" --numeric-owner --owner=0 --group=0 --sort=name -cf "$images/pause-layer.tar" .
	"$work/node-tool" mkimage -layer "$images/pause-layer.tar" -cmd /pause \
		-ref proxyinject.test/pause:1,registry.k8s.io/pause:3.10 -docker "$images/pause.tar"
	cp "$work/node-tool" "$images/hello-root/pause"
	echo "served only by the registry behind the test proxy" >"$images/hello-root/hello.txt"
	tar -C "$images/hello-root" --numeric-owner --owner=0 --group=0 --sort=name -cf "$images/hello-layer.tar" .
	"$work/node-tool" mkimage -layer "$images/hello-layer.tar" -cmd /pause \
		-ref registry.proxytest/proxytest/hello:1 -regdir "$work/registry"
	rm -f "$images/"*-layer.tar
	rm -rf "$images/pause-root" "$images/hello-root"
}

step_configure() {
	root="$work/rootfs"
	cp -a "$here/guest/." "$root/"
	: >"$root/etc/resolv.conf"
	echo node >"$root/etc/hostname"
	mkdir -p "$root/mnt/cfg" "$root/etc/proxyinject-test" "$root/etc/docker/certs.d/registry.proxytest"
	cp "$work/registry-pki/ca.crt" "$root/etc/proxyinject-test/registry-ca.crt"
	cp "$work/registry-pki/ca.crt" "$root/etc/docker/certs.d/registry.proxytest/ca.crt"
	install -m 0755 "$work/cri-dockerd" "$root/usr/local/bin/cri-dockerd"
	# An unprivileged local user, for what such a user must not see.
	chroot "$root" useradd --create-home --shell /bin/sh tester 2>/dev/null || true
	chroot "$root" systemctl enable systemd-networkd.service node-setup.service kubelet.service >/dev/null 2>&1
	# Docker runs only on docker nodes; node-setup starts it there.
	chroot "$root" systemctl disable docker.service docker.socket >/dev/null 2>&1 || true
	printf '9p\n9pnet\n9pnet_virtio\nvirtio_blk\nvirtio_net\nvirtio_pci\nvirtio_console\next4\n' >>"$root/etc/initramfs-tools/modules"
	chroot "$root" update-initramfs -u -k all >/dev/null 2>&1
	rm -f "$root/var/cache/apt/archives/"*.deb
}

step_disk() {
	cp "$work/rootfs/boot/"vmlinuz-* "$work/vmlinuz"
	cp "$work/rootfs/boot/"initrd.img-* "$work/initrd"
	rm -f "$work/node.img"
	mkfs.ext4 -q -F -L root -d "$work/rootfs" "$work/node.img" 6G
}

# One boot imports the images into containerd and docker (minutes under
# emulation, so never at a test's boot) and powers off.
step_provision() {
	provision="$work/provision"
	rm -rf "$provision"
	mkdir -p "$provision/cfg"
	cp -r "$work/images" "$provision/cfg/images"
	: >"$provision/cfg/provision"
	# shellcheck disable=SC2046 # the accelerator options are words
	timeout 1800 qemu-system-x86_64 $(qemu_accel) -smp 2 -m 2048 -display none -no-reboot \
		-kernel "$work/vmlinuz" -initrd "$work/initrd" \
		-append "root=/dev/vda rw console=ttyS0 net.ifnames=0" \
		-drive "file=$work/node.img,if=virtio,format=raw" \
		-virtfs "local,path=$provision/cfg,mount_tag=cfg,security_model=none,id=cfg" \
		-netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0 \
		-serial "file:$provision/console.log"
	grep -q 'proxyinject.test/pause:1' "$provision/cfg/provisioned" 2>/dev/null ||
		{ echo "build-node-image: the provisioning boot did not import the images; see $provision/console.log" >&2; exit 1; }
}

# kvm only where it really runs guests; else software emulation.
qemu_accel() {
	echo "-accel tcg,thread=multi -cpu max"
}

step rootfs "debootstrap of the node root filesystem ($DEBIAN_SUITE; ~7 minutes)"
step script_image_root "debootstrap of the script image ($DEBIAN_SUITE minbase)"
step cri_dockerd "building cri-dockerd $CRI_DOCKERD_VERSION"
step node_tool "building the node tool"
step registry_cert "making the test registry's certificate"
step images "writing the node's images"
step configure "configuring the node root filesystem"
step disk "writing the disk image"
step provision "provisioning boot: importing the images (a few minutes under emulation)"

cp --sparse=always "$work/vmlinuz" "$work/initrd" "$work/node.img" "$work/node-tool" "$out/"
cp -r "$work/registry" "$work/registry-pki" "$out/"
go_tool_cache_finish "$out"
