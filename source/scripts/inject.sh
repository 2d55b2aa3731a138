#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Installs the proxy drop-in for this node's container runtime and restarts
# the runtime only when it does not run with that drop-in yet. Runs at every
# start of the injector pod, so a second run on a configured node must change
# nothing: restarting a runtime disturbs the node's pods.
set -u
umask 022
script_dir=$(dirname "$0")
for script_part in common.sh detect-runtime.sh; do
	[ -r "$script_dir/$script_part" ] || {
		echo "proxyinject: $script_dir/$script_part is missing; the config map must carry every script of kubectl-proxyinject" >&2
		exit 1
	}
done
# shellcheck source=common.sh
. "$script_dir/common.sh"
# shellcheck source=detect-runtime.sh
. "$script_dir/detect-runtime.sh"

# Prints the NAME=value assignments of the drop-in's Environment= lines the
# way systemd reads them: %% is a literal %, quotes group, \ escapes.
expected_env() {
	awk '
		/^[ \t]*Environment[ \t]*=/ {
			v = $0
			sub(/^[ \t]*Environment[ \t]*=[ \t]*/, "", v)
			gsub(/%%/, "%", v)
			word = ""; inword = 0; quote = ""
			for (i = 1; i <= length(v); i++) {
				c = substr(v, i, 1)
				if (c == "\\" && i < length(v)) { i++; word = word substr(v, i, 1); inword = 1; continue }
				if (quote != "") { if (c == quote) quote = ""; else word = word c; continue }
				if (c == "\"" || c == "\047") { quote = c; inword = 1; continue }
				if (c == " " || c == "\t") { if (inword) print word; word = ""; inword = 0; continue }
				word = word c; inword = 1
			}
			if (inword) print word
		}
	' <"$1"
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
	unit_runs_want=$(expected_env "$2")
	unit_env_has "$1" "$unit_runs_want" && process_env_has "$1" "$unit_runs_want" && ! process_is_stale "$1"
}

check_settings

source_file=$PROXYINJECT_SECRET_DIR/$PROXYINJECT_DROP_IN
source_mode=0600
if [ ! -f "$source_file" ]; then
	source_file=$PROXYINJECT_CONFIG_DIR/$PROXYINJECT_DROP_IN
	source_mode=0644
fi
[ -f "$source_file" ] ||
	fail "no drop-in to install: neither $PROXYINJECT_SECRET_DIR/$PROXYINJECT_DROP_IN nor $PROXYINJECT_CONFIG_DIR/$PROXYINJECT_DROP_IN exists"
is_managed "$source_file" ||
	fail "$source_file does not begin with '$managed_marker'; refusing to install it"

detect_runtime
unit=$(unit_of_runtime "$runtime")
say "runtime: $runtime ($(printf '%s' "$runtime_source" | mask))"

if [ "$(host systemctl show -p LoadState "$unit" 2>/dev/null)" = LoadState=not-found ]; then
	fail "$unit is not a systemd unit on this node, so a drop-in cannot configure it; set PROXYINJECT_RUNTIME if the runtime was detected wrongly"
fi

target_dir=$(drop_in_dir "$unit")
target=$target_dir/$PROXYINJECT_DROP_IN
mkdir -p "$target_dir" || fail "cannot create $target_dir"

if { [ -e "$target" ] || [ -L "$target" ]; } && ! is_managed "$target"; then
	fail "$target was not written by kubectl-proxyinject and is left untouched; move it aside, or merge its settings into your own file by hand and remove the proxy with kubectl-proxyinject"
fi

reloaded=''
if [ -f "$target" ] && cmp -s "$source_file" "$target"; then
	chmod "$source_mode" "$target" || fail "cannot set the mode of $target"
	# A run stopped between writing the file and reloading leaves systemd
	# with the previous content, which may set a variable this one drops.
	if [ "$(host systemctl show -p NeedDaemonReload "$unit" 2>/dev/null)" = NeedDaemonReload=yes ]; then
		say "$unit: systemd has not loaded its current drop-ins; reloading systemd"
		host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
		reloaded=yes
	fi
	if unit_runs_with "$unit" "$target"; then
		if [ -n "$reloaded" ]; then
			say "$unit: already configured, systemd reloaded, runtime left running"
		else
			say "$unit: already configured, nothing to do"
		fi
		exit 0
	fi
	done_what='drop-in already in place but not loaded'
else
	tmp=''
	trap '[ -z "$tmp" ] || rm -f "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	tmp=$(mktemp "$target_dir/.$PROXYINJECT_DROP_IN.XXXXXX") || fail "cannot create a temporary file in $target_dir"
	cat "$source_file" >"$tmp" || fail "cannot write $tmp"
	chmod "$source_mode" "$tmp" || fail "cannot set the mode of $tmp"
	mv -f "$tmp" "$target" || fail "cannot move the new drop-in into place at $target"
	tmp=''
	done_what='drop-in written'
fi

say "$unit: $done_what; reloading systemd and restarting the runtime"
if [ -z "$reloaded" ]; then
	host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
fi
restart_unit "$unit"
if ! unit_runs_with "$unit" "$target"; then
	warn "$unit is active but does not show the proxy environment; another drop-in may override it (see systemctl cat $unit)"
fi
say "$unit: $done_what, runtime restarted"
