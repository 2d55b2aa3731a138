# shellcheck disable=SC2034 # runtime_source is read by inject.sh
# Which container runtime this node's kubelet talks to (sourced by inject.sh).
# detect_runtime sets runtime (containerd | docker | cri-o) and runtime_source
# (how it was found, for the log), and checks it against the runtime the API
# server reports for the node. What the kubelet uses wins over which units
# happen to be running: a docker node also runs containerd.service.

runtime_of_endpoint() {
	case $1 in
	*crio* | *cri-o*) echo cri-o ;;
	*cri-dockerd* | *dockershim*) echo docker ;;
	*containerd*) echo containerd ;;
	esac
}

unit_of_runtime() {
	case $1 in
	containerd) echo containerd.service ;;
	docker) echo docker.service ;;
	cri-o | crio) echo crio.service ;;
	esac
}

# Path of the kubelet's /proc/<pid>/cmdline: the main process of
# kubelet.service, run by root and named kubelet. Never a process found by
# its name alone: any local user can start a process called kubelet.
kubelet_cmdline() {
	kubelet_pid=$(host systemctl show -p MainPID kubelet.service 2>/dev/null) || return 0
	kubelet_pid=${kubelet_pid#MainPID=}
	case $kubelet_pid in
	'' | 0 | *[!0-9]*) return 0 ;;
	esac
	kubelet_uids=$(sed -n 's/^Uid:[[:space:]]*\([0-9]*\)[[:space:]]*\([0-9]*\).*/\1 \2/p' "$PROC_ROOT/$kubelet_pid/status" 2>/dev/null)
	if [ "$kubelet_uids" != '0 0' ]; then
		warn "the main process of kubelet.service (pid $kubelet_pid) does not run as root; ignoring it"
		return 0
	fi
	kubelet_argv0=$(tr '\0' '\n' <"$PROC_ROOT/$kubelet_pid/cmdline" 2>/dev/null | head -n 1)
	[ "${kubelet_argv0##*/}" = kubelet ] && printf '%s\n' "$PROC_ROOT/$kubelet_pid/cmdline"
	return 0
}

# Value of a --flag=value or --flag value argument in a NUL-separated cmdline.
cmdline_flag() {
	tr '\0' '\n' <"$1" 2>/dev/null | awk -v flag="--$2" '
		take { print; exit }
		$0 == flag { take = 1; next }
		index($0, flag "=") == 1 { print substr($0, length(flag) + 2); exit }
	'
}

config_endpoint() {
	host cat "$1" 2>/dev/null | sed -n 's/^[ 	]*"\{0,1\}containerRuntimeEndpoint"\{0,1\}[ 	]*:[ 	]*//p' | head -n 1
}

# The runtime the API server reports for this node, from the node-runtimes
# file the plugin puts in the config map ("<node> <runtime>" lines); empty
# when the node is not listed (it joined after the last apply).
expected_runtime() {
	[ -n "$NODE_NAME" ] || return 0
	awk -v node="$NODE_NAME" '$1 == node { print ($2 ~ /^(containerd|docker|cri-o)$/ ? $2 : "an unknown runtime"); exit }' "$PROXYINJECT_CONFIG_DIR/node-runtimes" 2>/dev/null
}

# Sets runtime and runtime_source, and fails when what the node shows
# disagrees with what the API server reports for it: one of them is wrong,
# and restarting the wrong runtime disturbs the node for nothing.
detect_runtime() {
	find_runtime
	expected=$(expected_runtime)
	if [ -n "$expected" ] && [ "$expected" != "$runtime" ]; then
		fail "this node shows runtime $runtime ($(printf '%s' "$runtime_source" | mask)), but the API server reports $expected for node $NODE_NAME (status.nodeInfo.containerRuntimeVersion); refusing to configure either"
	fi
	if [ -z "$expected" ] && [ -f "$PROXYINJECT_CONFIG_DIR/node-runtimes" ]; then
		say "node $NODE_NAME was not in the cluster at the last apply; using the runtime this node shows"
	fi
}

find_runtime() {
	runtime=''
	if [ -n "$PROXYINJECT_RUNTIME" ]; then
		[ -n "$(unit_of_runtime "$PROXYINJECT_RUNTIME")" ] ||
			fail "PROXYINJECT_RUNTIME must be containerd, docker or cri-o, got '$PROXYINJECT_RUNTIME'"
		runtime=$PROXYINJECT_RUNTIME
		runtime_source='PROXYINJECT_RUNTIME'
		return 0
	fi

	detect_cmdline=$(kubelet_cmdline)
	detect_config=/var/lib/kubelet/config.yaml
	if [ -n "$detect_cmdline" ]; then
		detect_endpoint=$(cmdline_flag "$detect_cmdline" container-runtime-endpoint)
		runtime=$(runtime_of_endpoint "$detect_endpoint")
		runtime_source="kubelet --container-runtime-endpoint $detect_endpoint"
		[ -n "$runtime" ] && return 0
		# Kubelets before 1.24 talked to dockerd through the built-in dockershim.
		if [ "$(cmdline_flag "$detect_cmdline" container-runtime)" = docker ]; then
			runtime=docker
			runtime_source='kubelet --container-runtime=docker'
			return 0
		fi
		detect_flag_config=$(cmdline_flag "$detect_cmdline" config)
		[ -n "$detect_flag_config" ] && detect_config=$detect_flag_config
	fi

	detect_endpoint=$(config_endpoint "$detect_config")
	runtime=$(runtime_of_endpoint "$detect_endpoint")
	runtime_source="containerRuntimeEndpoint in $detect_config"
	[ -n "$runtime" ] && return 0

	for detect_candidate in cri-o containerd docker; do
		if host systemctl is-active --quiet "$(unit_of_runtime "$detect_candidate")"; then
			runtime=$detect_candidate
			runtime_source="active unit $(unit_of_runtime "$detect_candidate")"
			return 0
		fi
	done
	fail "no container runtime found on this node: the kubelet names no known runtime endpoint and none of crio.service, containerd.service, docker.service is active; set PROXYINJECT_RUNTIME to containerd, docker or cri-o"
}
