# shellcheck disable=SC2034 # runtime_source is read by inject.sh
# Which container runtime this node's kubelet talks to (sourced by inject.sh).
# detect_runtime sets runtime (containerd | docker | cri-o) and runtime_source
# (how it was found, for the log). What the kubelet uses wins over which
# units happen to be running: a docker node also runs containerd.service.

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

# Path of the kubelet's /proc/<pid>/cmdline, found by its argv[0].
kubelet_cmdline() {
	grep -l -a -F kubelet "$PROC_ROOT"/[0-9]*/cmdline 2>/dev/null | while IFS= read -r kubelet_file; do
		kubelet_argv0=$(tr '\0' '\n' <"$kubelet_file" 2>/dev/null | head -n 1)
		if [ "${kubelet_argv0##*/}" = kubelet ]; then
			printf '%s\n' "$kubelet_file"
			break
		fi
	done
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

detect_runtime() {
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
