#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Installs the proxy drop-in for this node's container runtime and restarts
# the runtime only when it does not run with that drop-in yet. Runs at every
# start of the injector pod, so a second run on a configured node must change
# nothing: restarting a runtime disturbs the node's pods.
#
# The drop-in from the config map or the Secret is data, not a file to copy:
# only the lines the plugin renders are accepted (the marker, [Service] and
# Environment="NAME=value" for the six proxy variables, in a restricted
# alphabet, and SSL_CERT_DIR in its one shape), and the files on the host
# are written from the parsed values. CA certificates (--ca-file) must be
# PEM CERTIFICATE blocks and nothing else, and match the hash that
# SSL_CERT_DIR names.
# Values with credentials go to a root-only environment file next to the
# drop-in, never into an Environment= line.
set -u
umask 022
script_dir=$(dirname "$0")
for script_part in common.sh detect-runtime.sh restart-runtime.sh; do
	[ -r "$script_dir/$script_part" ] || {
		echo "proxyinject: $script_dir/$script_part is missing; the config map must carry every script of kubectl-proxyinject" >&2
		exit 1
	}
done
# shellcheck source=common.sh
. "$script_dir/common.sh"
# shellcheck source=detect-runtime.sh
. "$script_dir/detect-runtime.sh"

# Far below what the kernel (128 KiB per environment string) and systemd
# accept; the plugin refuses longer values before they get here.
max_value_bytes=32768
max_drop_in_bytes=262144
max_ca_bundle_bytes=131072

# Prints the NAME=value assignments of a drop-in the plugin rendered, %%
# turned back into %, one per line. Anything else in the file fails the
# node with the line number and the line (masked, control characters shown
# as ?), before anything is written or restarted.
parse_drop_in() {
	parse_size=$(wc -c <"$1") || fail "cannot read $1"
	[ "$parse_size" -le "$max_drop_in_bytes" ] ||
		fail "$1 is $parse_size bytes, over the limit of $max_drop_in_bytes bytes; refusing it"
	parse_out=$(MARKER=$drop_in_marker PROXY=$proxy_variables MAXV=$max_value_bytes CAVAR=$ca_variable CAPREFIX="$go_cert_dirs:$host_ca_root/" awk '
		function refuse(why,    shown) {
			shown = substr($0, 1, 120)
			gsub(/[^ -~]/, "?", shown)
			if (length($0) > 120) shown = shown "..."
			print "line " NR ": " why ": " shown
			bad = 1
			exit 1
		}
		BEGIN {
			n = split(ENVIRON["PROXY"], list, " ")
			for (i = 1; i <= n; i++) proxy[list[i]] = 1
			allowed = "!#%()*+,-./0123456789:=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{}~"
			max = ENVIRON["MAXV"] + 0
		}
		NR == 1 {
			if ($0 != ENVIRON["MARKER"]) refuse("the first line is not the marker of kubectl-proxyinject")
			next
		}
		NR == 2 {
			if ($0 != "[Service]") refuse("the second line must be [Service]")
			next
		}
		{
			if (substr($0, 1, 13) != "Environment=\"" || length($0) < 15 || substr($0, length($0)) != "\"")
				refuse("only Environment=\"NAME=value\" lines of the proxy variables are accepted")
			body = substr($0, 14, length($0) - 14)
			eq = index(body, "=")
			name = substr(body, 1, eq - 1)
			value = substr(body, eq + 1)
			if (eq > 1 && name == ENVIRON["CAVAR"]) {
				if (name in seen) refuse(name " is set twice")
				seen[name] = 1
				prefix = ENVIRON["CAPREFIX"]
				id = substr(value, length(prefix) + 1)
				if (substr(value, 1, length(prefix)) != prefix || length(id) != 16 || id !~ /^[0-9a-f]+$/)
					refuse(name " must be " prefix "<16 hex digits>")
				out[++count] = name "=" value
				next
			}
			if (eq < 2 || !(name in proxy)) refuse("only the variables " ENVIRON["PROXY"] " " ENVIRON["CAVAR"] " are accepted")
			if (name in seen) refuse(name " is set twice")
			seen[name] = 1
			if (value == "") refuse(name " is empty")
			for (i = 1; i <= length(value); i++) {
				if (index(allowed, substr(value, i, 1)) == 0) refuse(name " contains a character that is not allowed")
			}
			plain = value
			gsub(/%%/, "", plain)
			if (index(plain, "%") > 0) refuse(name " has a % that is not written as %%")
			gsub(/%%/, "%", value)
			if (length(value) > max) refuse(name " is longer than " max " bytes")
			out[++count] = name "=" value
		}
		END {
			if (bad) exit 1
			if (NR < 3) { print "it sets no proxy variable"; exit 1 }
			for (i = 1; i <= count; i++) print out[i]
		}
	' "$1") || fail "$1 is not a drop-in kubectl-proxyinject renders, refusing it and changing nothing: $(printf '%s' "$parse_out" | mask)"
	printf '%s\n' "$parse_out"
}

# Checks the CA certificates of --ca-file ($1) against the id ($2) that the
# drop-in's SSL_CERT_DIR names: only PEM CERTIFICATE blocks (base64 lines
# between the BEGIN and END lines, nothing else, not even blank lines), at
# most max_ca_bundle_bytes, and sha256 beginning with the id, so that the
# bundle is the one the plugin rendered with this drop-in. The runtime's Go
# parser reads the certificates themselves; no shell ever does.
check_ca_bundle() {
	ca_size=$(wc -c <"$1") || fail "cannot read $1"
	[ "$ca_size" -le "$max_ca_bundle_bytes" ] ||
		fail "$1 is $ca_size bytes, over the limit of $max_ca_bundle_bytes bytes; refusing it and changing nothing"
	ca_problem=$(awk '
		function refuse(why,    shown) {
			shown = substr($0, 1, 80)
			gsub(/[^ -~]/, "?", shown)
			print "line " NR ": " why ": " shown
			bad = 1
			exit 1
		}
		$0 == "-----BEGIN CERTIFICATE-----" {
			if (inside) refuse("a BEGIN line inside a certificate")
			inside = 1
			lines = 0
			next
		}
		$0 == "-----END CERTIFICATE-----" {
			if (!inside || lines == 0) refuse("an END line without a certificate before it")
			inside = 0
			blocks++
			next
		}
		{
			if (!inside) refuse("only PEM CERTIFICATE blocks are accepted")
			if (length($0) == 0 || length($0) > 76 || $0 !~ /^[A-Za-z0-9+\/=]+$/) refuse("not a base64 line of a certificate")
			lines++
		}
		END {
			if (bad) exit 1
			if (inside) { print "the last certificate has no END line"; exit 1 }
			if (blocks == 0) { print "it holds no certificate"; exit 1 }
		}
	' "$1") || fail "$1 is not a CA bundle kubectl-proxyinject renders, refusing it and changing nothing: $ca_problem"
	ca_full_sum=$(sha256sum <"$1" | cut -c 1-64)
	ca_sum=$(printf '%s' "$ca_full_sum" | cut -c 1-16)
	[ "$ca_sum" = "$2" ] ||
		fail "$1 has sha256 $ca_sum..., but the drop-in's $ca_variable names $2: the two come from different applies; refusing both and changing nothing"
	# The config map alone must not decide which CA a runtime trusts.
	[ -n "$PROXYINJECT_CA_SHA256" ] ||
		fail "$1 holds CA certificates, but this pod's template allows none (PROXYINJECT_CA_SHA256 is empty): an edited config map? Refusing it and changing nothing; apply again with --ca-file"
	[ "$ca_full_sum" = "$PROXYINJECT_CA_SHA256" ] ||
		fail "$1 has sha256 $ca_full_sum, but this pod's template allows only $PROXYINJECT_CA_SHA256: an edited config map? Refusing it and changing nothing"
}

# Writes the files for unit $1 from the assignments in $2 (one per line)
# into $3 (the drop-in) and $4 (the environment file, only when a value has
# credentials: user:password@ in a URL).
render_files() {
	ASSIGNMENTS=$2 MARKER=$drop_in_marker ENVFILE="/etc/systemd/system/$1.d/$env_file_name" awk -v conf="$3" -v env="$4" '
		BEGIN {
			n = split(ENVIRON["ASSIGNMENTS"], list, "\n")
			print ENVIRON["MARKER"] > conf
			print "[Service]" > conf
			for (i = 1; i <= n; i++) {
				if (list[i] == "") continue
				if (index(list[i], "@") > 0) { secret[++secrets] = list[i]; continue }
				line = list[i]
				gsub(/%/, "%%", line)
				print "Environment=\"" line "\"" > conf
			}
			if (secrets > 0) {
				print "EnvironmentFile=-" ENVIRON["ENVFILE"] > conf
				print ENVIRON["MARKER"] > env
				for (i = 1; i <= secrets; i++) print secret[i] > env
			}
		}
	'
}

# True when the unit, as systemd has loaded it, carries every assignment in
# $2 (one per line).
unit_env_has() {
	unit_env_show=$(host systemctl show -p Environment "$1" 2>/dev/null) || return 1
	SHOW=$unit_env_show WANT=$2 awk "$unit_env_functions"'
		BEGIN {
			have = unit_env(ENVIRON["SHOW"])
			n = split(ENVIRON["WANT"], want, "\n")
			for (i = 1; i <= n; i++) if (want[i] != "" && !unit_sets(have, want[i])) exit 1
			exit 0
		}
	'
}

# True when systemd has loaded our environment file as one of the unit's.
unit_loads_env_file() {
	host systemctl show -p EnvironmentFiles "$1" 2>/dev/null |
		grep -q -F "EnvironmentFiles=/etc/systemd/system/$1.d/$env_file_name ("
}

# True unless the unit's running main process provably lacks an assignment:
# a daemon-reload without restart updates what systemctl show prints, not
# the process. Unreadable process details are no proof either way.
process_env_has() {
	process_environ=$(main_environ "$1") || return 0
	tr '\0' '\n' <"$process_environ" 2>/dev/null | WANT=$2 awk '
		{ have[$0] = 1 }
		END {
			n = split(ENVIRON["WANT"], want, "\n")
			for (i = 1; i <= n; i++) if (want[i] != "" && !(want[i] in have)) exit 1
			exit 0
		}
	'
}

# A process still carrying a proxy setting the unit dropped (a variable the
# new drop-in no longer sets) has all the wanted ones, yet is out of date.
process_is_stale() {
	process_stale=$(stale_proxy_env "$1") && [ -n "$process_stale" ]
}

unit_runs_with() {
	unit_runs_public=$(printf '%s\n' "$assignments" | grep -v -F '@')
	unit_env_has "$1" "$unit_runs_public" || return 1
	if [ -s "$rendered_env" ]; then
		unit_loads_env_file "$1" || return 1
	fi
	process_env_has "$1" "$assignments" && ! process_is_stale "$1"
}

# True when the CA bundle this run wants is on the host as rendered; always
# when it wants none (folders of earlier bundles go once the runtime runs
# without them: prune_ca_folders).
same_ca() {
	[ -z "$ca_id" ] || same_file "$rendered_ca" "$ca_target"
}

same_file() {
	if [ -s "$1" ]; then
		[ -f "$2" ] && cmp -s "$1" "$2"
	else
		! [ -e "$2" ] && ! [ -L "$2" ]
	fi
}

check_settings
check_systemd_dir
take_lock
clean_temp_files

work=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
# 128 + the signal, as a shell reports it: the plugin tells a run that the
# docker restart stopped (TERM, then KILL) from one that failed by itself.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

source_file=$PROXYINJECT_SECRET_DIR/$PROXYINJECT_DROP_IN
if [ ! -f "$source_file" ]; then
	source_file=$PROXYINJECT_CONFIG_DIR/$PROXYINJECT_DROP_IN
fi
[ -f "$source_file" ] ||
	fail "no drop-in to install: neither $PROXYINJECT_SECRET_DIR/$PROXYINJECT_DROP_IN nor $PROXYINJECT_CONFIG_DIR/$PROXYINJECT_DROP_IN exists"
assignments=$(parse_drop_in "$source_file") || exit 1
settings_id=$(sha256sum <"$source_file" | cut -c 1-64)
# --ca-file: the drop-in's SSL_CERT_DIR names the bundle by its hash.
ca_id=$(printf '%s\n' "$assignments" | sed -n "s#^$ca_variable=$go_cert_dirs:$host_ca_root/##p")
ca_source=$PROXYINJECT_CONFIG_DIR/$ca_bundle_name
if [ -n "$ca_id" ]; then
	[ -f "$ca_source" ] || fail "the drop-in sets $ca_variable, but $ca_source is missing; refusing it and changing nothing"
	check_ca_bundle "$ca_source" "$ca_id"
elif [ -e "$ca_source" ]; then
	fail "$ca_source holds CA certificates, but the drop-in sets no $ca_variable: the two come from different applies; refusing both and changing nothing"
fi

detect_runtime
unit=$(unit_of_runtime "$runtime")
say "runtime: $runtime ($(printf '%s' "$runtime_source" | mask))"

if [ "$(host systemctl show -p LoadState "$unit" 2>/dev/null)" = LoadState=not-found ]; then
	fail "$unit is not a systemd unit on this node, so a drop-in cannot configure it; set PROXYINJECT_RUNTIME if the runtime was detected wrongly"
fi

target_dir=$(drop_in_dir "$unit")
target=$target_dir/$PROXYINJECT_DROP_IN
env_target=$target_dir/$env_file_name
rendered=$work/drop-in
rendered_env=$work/env
: >"$rendered_env"
render_files "$unit" "$assignments" "$rendered" "$rendered_env" || fail "cannot render the drop-in"
rendered_ca=$work/ca
ca_target=''
if [ -n "$ca_id" ]; then
	ca_target=$ca_root/$ca_id/$ca_file_name
	{ printf '%s\n' "$drop_in_marker" && cat "$ca_source"; } >"$rendered_ca" || fail "cannot render the CA certificates"
fi

for existing in "$target" "$env_target"; do
	if { [ -e "$existing" ] || [ -L "$existing" ]; } && ! is_managed "$existing"; then
		fail "${existing#"$HOST_ROOT"} was not written by kubectl-proxyinject and is left untouched; move it aside, or merge its settings into your own file by hand and remove the proxy with kubectl-proxyinject"
	fi
done

# What an earlier run asked systemd to do: a docker restart stops this
# container, so its outcome is reported here, by the next run.
settle_pending "$unit"
if [ -n "$(state_value "$unit" result)" ]; then
	if [ "$(state_value "$unit" operation)" = inject ] && [ "$(state_value "$unit" settings)" = "$settings_id" ]; then
		check_restart_outcome "$unit"
		if same_file "$rendered" "$target" && same_file "$rendered_env" "$env_target" && same_ca && unit_runs_with "$unit"; then
			say "$unit: restarted at $(state_value "$unit" requested) for these settings; it runs with them"
			report_result "$unit" yes "$(state_value "$unit" pid-before)" "$(state_value "$unit" run-started)"
			clear_restart "$unit"
			prune_ca_folders "$ca_id"
			exit 0
		fi
	fi
	rm -f "$(state_file "$unit")"
fi

reloaded=''
if same_file "$rendered" "$target" && same_file "$rendered_env" "$env_target" && same_ca; then
	# A run stopped between writing the file and reloading leaves systemd
	# with the previous content, which may set a variable this one drops.
	if [ "$(host systemctl show -p NeedDaemonReload "$unit" 2>/dev/null)" = NeedDaemonReload=yes ]; then
		say "$unit: systemd has not loaded its current drop-ins; reloading systemd"
		host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
		reloaded=yes
	fi
	if unit_runs_with "$unit"; then
		clear_restart "$unit"
		prune_ca_folders "$ca_id"
		if [ -n "$reloaded" ]; then
			say "$unit: already configured, systemd reloaded, runtime left running"
		else
			say "$unit: already configured, nothing to do"
		fi
		report_result "$unit" no "$(runtime_pid "$unit")" "$run_started"
		exit 0
	fi
	save_previous "$unit"
	done_what='drop-in already in place but not loaded'
else
	save_previous "$unit"
	if [ ! -d "$target_dir" ]; then
		mkdir "$target_dir" || fail "cannot create $target_dir"
	fi
	# The certificates and the environment file first: the drop-in names them.
	if [ -n "$ca_id" ]; then
		mkdir -p "$ca_root/$ca_id" || fail "cannot create $ca_root/$ca_id"
		install_file "$rendered_ca" "$ca_target" 0644
	fi
	if [ -s "$rendered_env" ]; then
		install_file "$rendered_env" "$env_target" 0600
	fi
	install_file "$rendered" "$target" 0644
	if [ ! -s "$rendered_env" ]; then
		rm -f "$env_target" || fail "cannot remove $env_target"
	fi
	done_what='drop-in written'
fi

say "$unit: $done_what; reloading systemd and restarting the runtime"
pid_before=$(runtime_pid "$unit")
if [ -z "$reloaded" ]; then
	host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
fi
restart_runtime "$unit" inject "$settings_id"
if ! unit_runs_with "$unit"; then
	warn "$unit is active but does not show the proxy environment; another drop-in may override it (see systemctl cat $unit)"
fi
clear_restart "$unit"
prune_ca_folders "$ca_id"
say "$unit: $done_what, runtime restarted"
report_result "$unit" yes "$pid_before" "$run_started"
