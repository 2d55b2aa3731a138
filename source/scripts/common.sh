# shellcheck disable=SC2034 # its variables are read by the scripts that source it
# Shared by inject.sh and remove.sh (sourced, never run on its own): settings
# from the environment, output, host commands and the managed-file marker.
#
# Everything a user configured reaches these scripts as file content or
# environment values. Treat both as data: never eval them, never source a
# drop-in, never build shell code from them.

: "${HOST_ROOT:=/host}"
: "${PROC_ROOT:=/proc}"
: "${PROXYINJECT_CONFIG_DIR:=/proxyinject/config}"
: "${PROXYINJECT_SECRET_DIR:=/proxyinject/secret}"
: "${PROXYINJECT_DROP_IN:=http-proxy.conf}"
: "${PROXYINJECT_RUNTIME:=}"
: "${PROXYINJECT_TIMEOUT:=120}"

managed_marker='# Managed by kubectl-proxyinject.'
runtime_units='containerd.service docker.service crio.service'

say() {
	printf 'proxyinject: %s\n' "$*"
}

warn() {
	printf 'proxyinject: warning: %s\n' "$*" >&2
}

fail() {
	printf 'proxyinject: %s\n' "$*" >&2
	exit 1
}

# Hides user:password@ in anything that may echo a proxy URL (unit logs).
# Greedy on purpose: masking too much beats leaking a password.
mask() {
	sed -e 's#://[^[:space:]]*@#://***@#g' -e 's#=[^[:space:]/=]*@#=***@#g'
}

# The pod shares the host's PID namespace only; systemctl must see the
# host's mounts to find systemd's socket and the unit files.
host() {
	nsenter --target 1 --mount -- "$@"
}

check_settings() {
	case $PROXYINJECT_DROP_IN in
	'' | */* | .*) fail "PROXYINJECT_DROP_IN must be a plain file name, got '$PROXYINJECT_DROP_IN'" ;;
	*.conf) ;;
	*) fail "PROXYINJECT_DROP_IN must end in .conf (systemd ignores other names), got '$PROXYINJECT_DROP_IN'" ;;
	esac
	case $PROXYINJECT_TIMEOUT in
	'' | *[!0-9]*) fail "PROXYINJECT_TIMEOUT must be a whole number of seconds, got '$PROXYINJECT_TIMEOUT'" ;;
	esac
}

drop_in_dir() {
	printf '%s/etc/systemd/system/%s.d\n' "$HOST_ROOT" "$1"
}

# True when the file's first line carries our marker. Anything unreadable
# (a directory, a dangling link) counts as not ours.
is_managed() {
	managed_first_line=''
	{ IFS= read -r managed_first_line <"$1"; } 2>/dev/null
	case $managed_first_line in
	"$managed_marker"*) return 0 ;;
	*) return 1 ;;
	esac
}

# The last lines of stderr are what the user sees of a failed node, so the
# status comes first and the one-line reason last.
fail_with_status() {
	printf 'proxyinject: last lines of systemctl status %s:\n' "$1" >&2
	host systemctl status --no-pager --full --lines=10 "$1" 2>&1 | tail -n 15 | mask >&2
	fail "$2"
}

wait_active() {
	wait_unit=$1
	wait_deadline=$(($(date +%s) + PROXYINJECT_TIMEOUT))
	while ! host systemctl is-active --quiet "$wait_unit"; do
		if [ "$(date +%s)" -ge "$wait_deadline" ]; then
			fail_with_status "$wait_unit" "$wait_unit is not active ${PROXYINJECT_TIMEOUT}s after its restart; see the status above"
		fi
		sleep 1
	done
}

restart_unit() {
	host systemctl restart "$1" || fail_with_status "$1" "restarting $1 failed; see the status above"
	wait_active "$1"
}
