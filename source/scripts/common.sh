# shellcheck disable=SC2034 # its variables are read by the scripts that source it
# Shared by inject.sh and remove.sh (sourced, never run on its own): settings
# from the environment, output, the one way to reach the host, the lock, the
# files of kubectl-proxyinject on the host and the hand-over of restarts to
# the host's systemd.
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
# No default on purpose: the pod names the host's nsenter, a test names its
# stub, and a run that names neither must not guess.
: "${PROXYINJECT_NSENTER:=}"
: "${NODE_NAME:=}"

# Files of ours start with managed_marker; the plugin renders the whole
# line, and that is the only first line inject.sh accepts.
managed_marker='# Managed by kubectl-proxyinject.'
drop_in_marker='# Managed by kubectl-proxyinject. Do not edit: changes are overwritten.'
runtime_units='containerd.service docker.service crio.service'
proxy_variables='HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy'
# The environment file next to the drop-in that holds values with
# credentials: Environment= values are readable by every local user
# (systemctl show), a 0600 file is not.
env_file_name=${PROXYINJECT_DROP_IN%.conf}.env
systemd_dir=$HOST_ROOT/etc/systemd/system
# --ca-file: the certificates arrive as data next to the drop-in in the
# config map; the runtime trusts them through SSL_CERT_DIR, whose only
# accepted value lists Go's default certificate folders (SSL_CERT_DIR
# replaces them) and then ca_root/<id>, where <id> is the first 16 hex
# digits of the bundle's sha256. A folder per bundle: a new bundle is a new
# value, so the runtime restarts for it, and a roll-back finds the previous
# bundle still in place. systemd ignores the folder (no unit name).
ca_variable=SSL_CERT_DIR
# The sha256 of the one bundle the pod template allows; empty: none.
: "${PROXYINJECT_CA_SHA256:=}"
ca_bundle_name=${PROXYINJECT_DROP_IN%.conf}-ca.pem
go_cert_dirs=/etc/ssl/certs:/etc/pki/tls/certs
host_ca_root=/etc/systemd/system/proxyinject-ca
ca_root=$systemd_dir/proxyinject-ca
ca_file_name=ca.pem
# Restart requests and the drop-ins they replaced; hidden, so systemd
# ignores it.
state_dir=$systemd_dir/.proxyinject
host_state_dir=/etc/systemd/system/.proxyinject
# The first word of report_result's line; the plugin reads only lines with it.
result_prefix=proxyinject-result:
# When this run began, for the seconds it reports.
run_started=$(date +%s)

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

# The only way these scripts reach the host: PID 1's mount namespace, where
# systemctl finds systemd's socket and the unit files. The pod shares the
# host's PID namespace only. Always an absolute path from the environment,
# never a name looked up in PATH, so that no shell can swap in its own
# applet and a test always runs its stub.
host() {
	"$PROXYINJECT_NSENTER" --target 1 --mount -- "$@"
}

check_settings() {
	case $PROXYINJECT_DROP_IN in
	'' | .* | *[!A-Za-z0-9._-]*) fail "PROXYINJECT_DROP_IN must be a plain file name (letters, digits, . _ -), got '$PROXYINJECT_DROP_IN'" ;;
	*.conf) ;;
	*) fail "PROXYINJECT_DROP_IN must end in .conf (systemd ignores other names), got '$PROXYINJECT_DROP_IN'" ;;
	esac
	case $PROXYINJECT_TIMEOUT in
	'' | *[!0-9]*) fail "PROXYINJECT_TIMEOUT must be a whole number of seconds, got '$PROXYINJECT_TIMEOUT'" ;;
	esac
	case $PROXYINJECT_NSENTER in
	/*) [ -x "$PROXYINJECT_NSENTER" ] || fail "PROXYINJECT_NSENTER names $PROXYINJECT_NSENTER, which is not an executable file" ;;
	*) fail "PROXYINJECT_NSENTER must be the absolute path of nsenter, got '$PROXYINJECT_NSENTER'" ;;
	esac
}

# Never creates the systemd tree: a host without it has no systemd for a
# drop-in to configure.
check_systemd_dir() {
	[ -d "$systemd_dir" ] ||
		fail "this node has no /etc/systemd/system: it does not run systemd, so there is no runtime unit to give a proxy drop-in"
}

# Serialises every run of inject.sh and remove.sh on the node. The lock is
# on the host's /etc/systemd/system directory itself, so nothing is created
# for it; the kernel releases it when the holder dies, however it dies.
take_lock() {
	lock_wait=$((PROXYINJECT_TIMEOUT * 3 + 30))
	exec 9<"$systemd_dir" || fail "cannot open $systemd_dir to lock it"
	if ! flock -n 9; then
		say "another run of kubectl-proxyinject holds the lock on /etc/systemd/system; waiting up to ${lock_wait}s"
		flock -w "$lock_wait" 9 ||
			fail "another run of kubectl-proxyinject (inject or remove) still holds the lock on /etc/systemd/system after ${lock_wait}s"
	fi
}

drop_in_dir() {
	printf '%s/%s.d\n' "$systemd_dir" "$1"
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

# Temporary files of a run that died before its rename (they may hold a
# password) and of a roll-back that died half-way. Ours carry the marker.
clean_temp_files() {
	for clean_unit in $runtime_units; do
		clean_dir=$(drop_in_dir "$clean_unit")
		for clean_file in "$clean_dir/.$PROXYINJECT_DROP_IN".* "$clean_dir/.$env_file_name".*; do
			if ! [ -f "$clean_file" ] || ! is_managed "$clean_file"; then continue; fi
			rm -f "$clean_file" || fail "cannot remove the leftover temporary file $clean_file"
			say "removed ${clean_file#"$HOST_ROOT"}, left by a run that was stopped half-way"
		done
	done
	for clean_file in "$ca_root"/*/".$ca_file_name".*; do
		if ! [ -f "$clean_file" ] || ! is_managed "$clean_file"; then continue; fi
		rm -f "$clean_file" || fail "cannot remove the leftover temporary file $clean_file"
		say "removed ${clean_file#"$HOST_ROOT"}, left by a run that was stopped half-way"
	done
}

# Deletes our CA bundles under ca_root except the one in folder $1 (all
# when $1 is empty), then every folder left empty. Called only once the
# runtime runs with the settings of this run: until then a roll-back may
# need the previous bundle. A file we did not write keeps its folder.
prune_ca_folders() {
	[ -d "$ca_root" ] || return 0
	for prune_dir in "$ca_root"/*; do
		[ -d "$prune_dir" ] || continue
		[ "${prune_dir##*/}" != "$1" ] || continue
		if is_managed "$prune_dir/$ca_file_name"; then
			rm -f "$prune_dir/$ca_file_name" || fail "cannot remove $prune_dir/$ca_file_name"
			say "removed the CA certificates ${prune_dir#"$HOST_ROOT"}, which the runtime no longer uses"
		fi
		rmdir "$prune_dir" 2>/dev/null || warn "${prune_dir#"$HOST_ROOT"} holds files kubectl-proxyinject did not write; left in place"
	done
	rmdir "$ca_root" 2>/dev/null
	return 0
}

# Writes $1's content to $2 with mode $3 so that $2 is either the old file
# or the whole new one, also after a power cut: temporary file, fsync,
# rename, fsync of the directory.
install_file() {
	install_dir=$(dirname "$2")
	install_tmp=$(mktemp "$install_dir/.${2##*/}.XXXXXX") || fail "cannot create a temporary file in $install_dir"
	if ! { cat "$1" >"$install_tmp" && chmod "$3" "$install_tmp" && sync "$install_tmp" && mv -f "$install_tmp" "$2"; }; then
		rm -f "$install_tmp"
		fail "cannot write $2"
	fi
	sync "$install_dir" || fail "cannot flush $install_dir to disk"
}

# The last lines of stderr are what the user sees of a failed node, so the
# status comes first and the one-line reason last.
fail_with_status() {
	printf 'proxyinject: last lines of systemctl status %s:\n' "$1" >&2
	host systemctl status --no-pager --full --lines=10 "$1" 2>&1 | tail -n 15 | mask >&2
	fail "$2"
}

# Host path of the drop-in we manage for a unit, as systemd names it.
managed_drop_in() {
	printf '/etc/systemd/system/%s.d/%s\n' "$1" "$PROXYINJECT_DROP_IN"
}

# --- Restarts, handed to the host's systemd -------------------------------
#
# A restart runs restart-runtime.sh as a transient service of the host's
# systemd (systemd-run), so its outcome does not depend on this pod:
# restarting docker stops every container on the node, this one included.
# The request is recorded in $state_dir/<unit>.restart (key=value lines:
# operation, settings, requested, then started, result, finished from the
# host side); the drop-ins it replaces are kept in <unit>.previous/ so that
# a runtime that does not come back gets them back. The next run of the pod
# reads the outcome from there.

state_file() {
	printf '%s/%s.restart\n' "$state_dir" "$1"
}

# Value of key $2 in the unit's restart record; empty when absent.
state_value() {
	sed -n "s/^$2=//p" "$(state_file "$1")" 2>/dev/null | tail -n 1
}

restart_service() {
	printf 'proxyinject-restart-%s.service\n' "${1%.service}"
}

# Keeps the unit's drop-in files of ours as they are before a change. An
# earlier copy stays: it is the state before a change that never finished.
save_previous() {
	save_dir=$state_dir/$1.previous
	[ -d "$save_dir" ] && return 0
	(umask 077 && mkdir -p "$save_dir") || fail "cannot create $save_dir"
	for save_name in "$PROXYINJECT_DROP_IN" "$env_file_name"; do
		save_file=$(drop_in_dir "$1")/$save_name
		if ! [ -f "$save_file" ] || ! is_managed "$save_file"; then continue; fi
		cp -p "$save_file" "$save_dir/$save_name" || fail "cannot keep a copy of $save_file"
	done
}

# Forgets the unit's restart record and the drop-ins it replaced.
clear_restart() {
	rm -rf "$state_dir/$1.previous" "$state_dir/$1.restart" "$state_dir/$1.status"
	rmdir "$state_dir" 2>/dev/null
	return 0
}

# A request without an outcome: wait for the host side while it still runs;
# one whose host side is gone (the node rebooted) is forgotten, its copy of
# the previous drop-ins kept.
settle_pending() {
	[ -f "$(state_file "$1")" ] || return 0
	[ -z "$(state_value "$1" result)" ] || return 0
	if host systemctl is-active --quiet "$(restart_service "$1")"; then
		say "$1: a restart requested at $(state_value "$1" requested) is still running; waiting for its outcome"
		await_restart "$1"
	elif [ -z "$(state_value "$1" result)" ]; then
		rm -f "$(state_file "$1")" "$state_dir/$1.status"
	fi
}

await_restart() {
	await_deadline=$(($(date +%s) + PROXYINJECT_TIMEOUT * 2 + 30))
	while [ -z "$(state_value "$1" result)" ]; do
		if ! host systemctl is-active --quiet "$(restart_service "$1")" && [ -z "$(state_value "$1" result)" ]; then
			fail "the restart of $1 ended without an outcome; see journalctl -u $(restart_service "$1") on the node"
		fi
		[ "$(date +%s)" -lt "$await_deadline" ] ||
			fail "the restart of $1 has not finished after $((PROXYINJECT_TIMEOUT * 2 + 30))s; see systemctl status $(restart_service "$1") on the node"
		sleep 0.2 2>/dev/null || sleep 1
	done
}

# Asks the host's systemd to restart $1 (for operation $2 with settings $3)
# and waits for the outcome. Returns when the runtime is active; fails the
# node, naming the reason, when it is not.
restart_runtime() {
	(umask 077 && mkdir -p "$state_dir") || fail "cannot create $state_dir"
	rm -f "$state_dir/$1.status"
	{
		printf 'operation=%s\n' "$2"
		printf 'settings=%s\n' "$3"
		printf 'requested=%s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')"
		# What the run that reports the outcome (after a docker restart, the next one) says it did.
		printf 'pid-before=%s\n' "$(runtime_pid "$1")"
		printf 'run-started=%s\n' "$run_started"
	} >"$(state_file "$1")" || fail "cannot write $(state_file "$1")"
	# script_dir is set by the script that sources this file.
	# shellcheck disable=SC2154
	restart_program=$(cat "$script_dir/restart-runtime.sh") || fail "cannot read $script_dir/restart-runtime.sh"
	if [ "$1" = docker.service ]; then
		say "docker.service: restarting docker stops every container on this node, this one too; a run stopped by it is started again and reports the outcome"
		# The kubelet reports this with the exit of this run, which the
		# restart stops: the plugin then waits for the next run.
		if [ -n "${PROXYINJECT_TERMINATION_LOG:-}" ]; then
			printf '%s\n' 'proxyinject: handed over: docker.service restart' >"$PROXYINJECT_TERMINATION_LOG" 2>/dev/null || true
		fi
	fi
	host systemd-run --unit="$(restart_service "$1")" --collect --quiet \
		--description="kubectl-proxyinject: restart $1" \
		/bin/sh -c "$restart_program" proxyinject-restart '' "$1" "$PROXYINJECT_TIMEOUT" "$PROXYINJECT_DROP_IN" "$env_file_name" || {
		rm -f "$(state_file "$1")"
		fail "systemd-run could not start the restart of $1 on the host"
	}
	await_restart "$1"
	check_restart_outcome "$1"
}

# Fails the node when the recorded restart of $1 did not leave it active
# with the new drop-ins. The record stays, so that every later run with the
# same settings fails the same way instead of restarting the runtime again.
check_restart_outcome() {
	outcome_timeout=$PROXYINJECT_TIMEOUT
	case $(state_value "$1" result) in
	active) return 0 ;;
	rolled-back)
		if [ "$(state_value "$1" operation)" = remove ]; then
			outcome_what="without the proxy drop-in; the drop-in is back"
		else
			outcome_what="with the new drop-in; the previous drop-in (or none) is back"
		fi
		outcome_reason="$1 did not become active within ${outcome_timeout}s of its restart $outcome_what and $1 is running with it. To try again: fix the cause shown above, then delete $host_state_dir/$1.restart on the node, apply other settings or run remove"
		;;
	*) outcome_reason="$1 did not become active within ${outcome_timeout}s of its restart, not even after the previous drop-ins were put back: the node has no running container runtime. See the status above and journalctl -u $1" ;;
	esac
	if [ -s "$state_dir/$1.status" ]; then
		printf 'proxyinject: last lines of systemctl status %s when it failed:\n' "$1" >&2
		tail -n 15 "$state_dir/$1.status" | mask >&2
	fi
	fail "$outcome_reason"
}

# Path of the environ file of the unit's running main process; fails when
# there is no such process or its environment cannot be read.
main_environ() {
	main_pid=$(runtime_pid "$1")
	[ -n "$main_pid" ] && [ -r "$PROC_ROOT/$main_pid/environ" ] || return 1
	printf '%s\n' "$PROC_ROOT/$main_pid/environ"
}

# The unit's main PID as systemd reports it; nothing when it has none.
runtime_pid() {
	runtime_pid_shown=$(host systemctl show -p MainPID "$1" 2>/dev/null) || return 0
	runtime_pid_shown=${runtime_pid_shown#MainPID=}
	case $runtime_pid_shown in
	'' | 0 | *[!0-9]*) ;;
	*) printf '%s\n' "$runtime_pid_shown" ;;
	esac
}

# The node's own account of a run that ended well, for the plugin to show:
# the kubelet reports this file as the container's termination message.
# Names, a hash and numbers only, never a setting (settings may hold
# credentials, and pod status is widely readable). $1: the unit, $2: yes
# when its runtime was restarted for these settings, $3: its main PID
# before, $4: when the work began (seconds since the epoch).
report_result() {
	[ -n "${PROXYINJECT_TERMINATION_LOG:-}" ] || return 0
	report_sha=$(sha256sum <"$(drop_in_dir "$1")/$PROXYINJECT_DROP_IN" 2>/dev/null | cut -c 1-64)
	report_pid=$(runtime_pid "$1")
	report_since=$4
	case $report_since in
	'' | *[!0-9]*) report_since=$run_started ;;
	esac
	# runtime is set by detect_runtime (detect-runtime.sh) before any report.
	# shellcheck disable=SC2154
	printf '%s runtime=%s unit=%s drop-in-sha256=%s restarted=%s runtime-pid-before=%s runtime-pid-after=%s seconds=%s\n' \
		"$result_prefix" "$runtime" "$1" "${report_sha:-none}" "$2" "${3:-none}" "${report_pid:-none}" "$(($(date +%s) - report_since))" \
		>"$PROXYINJECT_TERMINATION_LOG" 2>/dev/null || true
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
		SHOW=$stale_show MANAGER=$stale_manager NAMED=$stale_files PROXY="$proxy_variables $ca_variable" awk "$unit_env_functions"'
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
