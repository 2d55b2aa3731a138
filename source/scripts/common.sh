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
proxy_variables='HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy'

# awk functions over the Environment= line of systemctl show. systemd 252+
# double-quotes assignments with shell specials in them ("A=x\$y"), older
# versions print them bare: accept both.
unit_env_functions='
function unit_env(show) {
	show = " " show " "
	sub(/^ Environment=/, " ", show)
	gsub(/\n/, " ", show)
	return show
}
function unit_sets(env, assignment,    quoted) {
	quoted = assignment
	gsub(/[\\"`$]/, "\\\\&", quoted)
	return index(env, " " assignment " ") > 0 || index(env, " \"" quoted "\" ") > 0
}
'

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

# Host path of the drop-in we manage for a unit, as systemd names it.
managed_drop_in() {
	printf '/etc/systemd/system/%s.d/%s\n' "$1" "$PROXYINJECT_DROP_IN"
}

# Path of the environ file of the unit's running main process; fails when
# there is no such process or its environment cannot be read.
main_environ() {
	main_pid=$(host systemctl show -p MainPID "$1" 2>/dev/null) || return 1
	main_pid=${main_pid#MainPID=}
	case $main_pid in
	'' | 0 | *[!0-9]*) return 1 ;;
	esac
	[ -r "$PROC_ROOT/$main_pid/environ" ] || return 1
	printf '%s\n' "$PROC_ROOT/$main_pid/environ"
}

# Names assigned by the unit's EnvironmentFile= files, one per line. Fails
# when a file the unit requires cannot be read: it may assign anything.
env_file_names() {
	host systemctl show -p EnvironmentFiles "$1" 2>/dev/null |
		sed -n 's/^EnvironmentFiles=\(.*\) (ignore_errors=\([a-z]*\))$/\2 \1/p' |
		while read -r env_file_optional env_file_path; do
			if env_file_text=$(host cat "$env_file_path" 2>/dev/null); then
				printf '%s\n' "$env_file_text" |
					sed -n 's/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*=.*/\2/p'
			elif [ "$env_file_optional" != yes ]; then
				exit 1
			fi
		done
}

# Prints the names of the proxy variables that the unit's running main
# process carries with a value a restart would not give it again: neither
# the loaded unit's Environment= nor systemd's own environment has that
# assignment, and no EnvironmentFile= of the unit assigns that name. Such a
# process is stale, whoever removed the setting. Returns 2 when this cannot
# be told (no main process, unreadable environment). Prints names only:
# values may hold credentials. show-environment prints NAME=$'value' when
# the value has shell specials in it, hence unquoted().
stale_proxy_env() {
	stale_environ=$(main_environ "$1") || return 2
	stale_show=$(host systemctl show -p Environment "$1" 2>/dev/null) || return 2
	stale_manager=$(host systemctl show-environment 2>/dev/null) || return 2
	stale_files=$(env_file_names "$1") || return 2
	tr '\0' '\n' <"$stale_environ" |
		SHOW=$stale_show MANAGER=$stale_manager NAMED=$stale_files PROXY=$proxy_variables awk "$unit_env_functions"'
			function unquoted(line,    eq, v, out, i, c) {
				eq = index(line, "=")
				v = substr(line, eq + 1)
				if (eq == 0 || length(v) < 3 || substr(v, 1, 2) != "$\047" || substr(v, length(v)) != "\047") return line
				v = substr(v, 3, length(v) - 3)
				out = ""
				for (i = 1; i <= length(v); i++) {
					c = substr(v, i, 1)
					if (c == "\\" && i < length(v)) { i++; c = substr(v, i, 1) }
					out = out c
				}
				return substr(line, 1, eq) out
			}
			BEGIN {
				split(ENVIRON["PROXY"], list, " ")
				for (i in list) proxy[list[i]] = 1
				split(ENVIRON["NAMED"], list, "\n")
				for (i in list) named[list[i]] = 1
				n = split(ENVIRON["MANAGER"], list, "\n")
				for (i = 1; i <= n; i++) manager[unquoted(list[i])] = 1
				have = unit_env(ENVIRON["SHOW"])
			}
			{
				name = $0
				sub(/=.*/, "", name)
				if (!(name in proxy) || (name in named) || (name in printed) || ($0 in manager) || unit_sets(have, $0)) next
				printed[name] = 1
				print name
			}
		'
}
