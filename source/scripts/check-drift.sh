#!/bin/sh
# The node side of `status --check`: how this node's runtime unit stands
# against the settings kubectl-proxyinject expects. Runs once in a
# short-lived pod (hostPID, privileged: to ask the host's systemd through
# PID 1's mount namespace and to read the runtime's /proc/<pid>/environ),
# with the host's /etc/systemd/system mounted read-only. It only reads: it
# writes no file on the host, and never reloads or restarts a unit.
#
# It reports facts, as key=value lines in its container's termination
# message: whether our files match the digests the plugin expects, the
# names of other drop-ins and of the proxy variables they set, the runtime's
# main PID. Never a value: values may hold proxy credentials, and pod status
# is readable by many. With a key (the Secret's settings-hash key, which
# exists when the settings have credentials) every digest is keyed, so the
# digests in the pod spec do not let anyone test password guesses.
#
# The plugin passes the pod's command as this fixed text; the expectations
# arrive as environment values, checked here before use.
set -u

: "${HOST_ROOT:=/host}"
: "${PROC_ROOT:=/proc}"
: "${PROXYINJECT_NSENTER:=}"
: "${PROXYINJECT_UNIT:=}"
: "${PROXYINJECT_DROP_IN:=http-proxy.conf}"
# Digests (sha256 hex) the plugin expects; empty: the file must be absent,
# and for the runtime environment: not compared.
: "${PROXYINJECT_EXPECT_DROP_IN:=}"
: "${PROXYINJECT_EXPECT_ENV_FILE:=}"
: "${PROXYINJECT_EXPECT_RUNTIME_ENV:=}"
# "<16 hex digits> <digest>": the CA folder and the bundle's digest; empty: none expected.
: "${PROXYINJECT_EXPECT_CA:=}"
: "${PROXYINJECT_KEY_FILE:=}"
: "${PROXYINJECT_TERMINATION_LOG:=}"

managed_marker='# Managed by kubectl-proxyinject.'
proxy_variables='HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy SSL_CERT_DIR'
# Each other drop-in costs a line; the kubelet keeps 4096 bytes of the message.
max_others=12

report=''
fact() {
	report="$report$1=$2
"
}

finish() {
	printf '%s' "$report"
	if [ -n "$PROXYINJECT_TERMINATION_LOG" ]; then
		printf '%s' "$report" | head -c 4000 >"$PROXYINJECT_TERMINATION_LOG"
	fi
	exit 0
}

refuse() {
	fact error "$1"
	finish
}

host() {
	"$PROXYINJECT_NSENTER" --target 1 --mount -- "$@"
}

is_digest() {
	case $1 in
	'') return 0 ;;
	*[!0-9a-f]*) return 1 ;;
	esac
	[ "${#1}" -eq 64 ]
}

check_inputs() {
	case $PROXYINJECT_UNIT in
	containerd.service | docker.service | crio.service) ;;
	*) return 1 ;;
	esac
	case $PROXYINJECT_DROP_IN in
	'' | .* | *[!A-Za-z0-9._-]*) return 1 ;;
	*.conf) ;;
	*) return 1 ;;
	esac
	case $PROXYINJECT_NSENTER in
	/*) [ -x "$PROXYINJECT_NSENTER" ] || return 1 ;;
	*) return 1 ;;
	esac
	is_digest "$PROXYINJECT_EXPECT_DROP_IN" && is_digest "$PROXYINJECT_EXPECT_ENV_FILE" && is_digest "$PROXYINJECT_EXPECT_RUNTIME_ENV" || return 1
	ca_id=${PROXYINJECT_EXPECT_CA%% *}
	ca_digest=${PROXYINJECT_EXPECT_CA#* }
	case $PROXYINJECT_EXPECT_CA in
	'') return 0 ;;
	*' '*) ;;
	*) return 1 ;;
	esac
	case $ca_id in
	*[!0-9a-f]*) return 1 ;;
	esac
	[ "${#ca_id}" -eq 16 ] && [ -n "$ca_digest" ] && is_digest "$ca_digest"
}

# The key, as one line of hex digits; empty without a key file.
read_key() {
	key=''
	[ -n "$PROXYINJECT_KEY_FILE" ] || return 0
	IFS= read -r key 2>/dev/null <"$PROXYINJECT_KEY_FILE" || [ -n "$key" ] || return 1
	case $key in
	'' | *[!0-9a-f]*) return 1 ;;
	esac
}

# sha256 of stdin, after the key and a newline when there is a key.
digest() {
	{
		[ -z "$key" ] || printf '%s\n' "$key"
		cat
	} | sha256sum | cut -c 1-64
}

# absent, matches or differs: the file $1 against the digest $2 (empty: expected absent).
file_state() {
	if ! [ -e "$1" ] && ! [ -L "$1" ]; then
		echo absent
	elif [ -n "$2" ] && [ -f "$1" ] && [ "$(digest <"$1" 2>/dev/null)" = "$2" ]; then
		echo matches
	else
		echo differs
	fi
}

# A host path as a report may carry it: printable, no spaces, bounded.
shown_path() {
	printf '%s' "$1" | tr -c 'A-Za-z0-9._/@:+-' '?' | cut -c 1-160
}

# Reads a host file: below the read-only mount when it is there, else
# through the host's mount namespace (drop-ins under /run, /usr/lib).
host_file() {
	case $1 in
	/etc/systemd/system/*) cat "$HOST_ROOT$1" 2>/dev/null ;;
	*) host cat "$1" 2>/dev/null ;;
	esac
}

# The proxy variables (comma separated) that the unit file text on stdin
# sets or unsets, through Environment=, UnsetEnvironment= or the files its
# EnvironmentFile= lines name.
variables_set() {
	set_text=$(cat)
	set_files=$(printf '%s\n' "$set_text" | sed -n 's/^[ 	]*EnvironmentFile[ 	]*=[ 	]*-\{0,1\}\([^ 	]*\).*/\1/p')
	{
		printf '%s\n' "$set_text" | sed -n 's/^[ 	]*\(Unset\)\{0,1\}Environment[ 	]*=/ /p'
		for set_file in $set_files; do
			host_file "$set_file" | sed -n 's/^[ 	]*\(export[ 	]\{1,\}\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)[ 	]*=.*/ \2=/p'
		done
	} | NAMES=$proxy_variables awk '
		BEGIN { n = split(ENVIRON["NAMES"], names, " ") }
		{
			for (i = 1; i <= n; i++) {
				if (match($0, "[ \"\047]" names[i] "([= \"\047]|$)")) seen[names[i]] = 1
			}
		}
		END {
			out = ""
			for (i = 1; i <= n; i++) if (names[i] in seen) out = out (out == "" ? "" : ",") names[i]
			print out
		}
	'
}

# Other drop-ins of the unit that touch a proxy variable: those systemd
# loaded (under /etc, /run or /usr/lib) and those on disk in /etc that it
# has not loaded yet.
report_others() {
	ours=/etc/systemd/system/$PROXYINJECT_UNIT.d/$PROXYINJECT_DROP_IN
	loaded=$(host systemctl show -p DropInPaths "$PROXYINJECT_UNIT" 2>/dev/null | sed -n 's/^DropInPaths=//p')
	on_disk=''
	for other_file in "$HOST_ROOT/etc/systemd/system/$PROXYINJECT_UNIT.d"/*.conf; do
		[ -f "$other_file" ] && on_disk="$on_disk ${other_file#"$HOST_ROOT"}"
	done
	others=0
	# shellcheck disable=SC2086 # space-separated lists of paths, as systemctl prints them
	for other in $(printf '%s\n' $loaded $on_disk | awk '!seen[$0]++'); do
		[ "$other" = "$ours" ] && continue
		other_variables=$(host_file "$other" | variables_set)
		[ -n "$other_variables" ] || continue
		if [ "$others" -ge "$max_others" ]; then
			fact others_truncated yes
			return 0
		fi
		fact other "$(shown_path "$other") $other_variables"
		others=$((others + 1))
	done
}

report_runtime() {
	runtime_pid=$(host systemctl show -p MainPID "$PROXYINJECT_UNIT" 2>/dev/null | sed -n 's/^MainPID=//p')
	case $runtime_pid in
	'' | *[!0-9]*) runtime_pid=0 ;;
	esac
	fact runtime_pid "$runtime_pid"
	if [ "$runtime_pid" = 0 ]; then
		fact runtime_env not-running
	elif ! [ -r "$PROC_ROOT/$runtime_pid/environ" ]; then
		fact runtime_env unreadable
	elif [ -z "$PROXYINJECT_EXPECT_RUNTIME_ENV" ]; then
		fact runtime_env not-compared
	else
		runtime_digest=$(tr '\0' '\n' <"$PROC_ROOT/$runtime_pid/environ" |
			grep -E '^(HTTP_PROXY|HTTPS_PROXY|NO_PROXY|http_proxy|https_proxy|no_proxy|SSL_CERT_DIR)=' |
			LC_ALL=C sort | digest)
		if [ "$runtime_digest" = "$PROXYINJECT_EXPECT_RUNTIME_ENV" ]; then
			fact runtime_env matches
		else
			fact runtime_env differs
		fi
	fi
}

fact check 1
check_inputs || refuse bad-input
read_key || refuse key-unreadable
fact unit "$PROXYINJECT_UNIT"
if [ "$(host systemctl show -p LoadState "$PROXYINJECT_UNIT" 2>/dev/null)" = LoadState=not-found ]; then
	fact unit_loaded no
	finish
fi
fact unit_loaded yes

unit_dir=$HOST_ROOT/etc/systemd/system/$PROXYINJECT_UNIT.d
drop_in=$(file_state "$unit_dir/$PROXYINJECT_DROP_IN" "$PROXYINJECT_EXPECT_DROP_IN")
# A file there without our marker is not ours (inject.sh leaves it alone too).
if [ "$drop_in" = differs ]; then
	case $(head -n 1 "$unit_dir/$PROXYINJECT_DROP_IN" 2>/dev/null) in
	"$managed_marker"*) ;;
	*) drop_in=foreign ;;
	esac
fi
fact drop_in "$drop_in"
fact env_file "$(file_state "$unit_dir/${PROXYINJECT_DROP_IN%.conf}.env" "$PROXYINJECT_EXPECT_ENV_FILE")"
if [ -n "$PROXYINJECT_EXPECT_CA" ]; then
	fact ca "$(file_state "$HOST_ROOT/etc/systemd/system/proxyinject-ca/$ca_id/ca.pem" "$ca_digest")"
fi
report_runtime
report_others
finish
