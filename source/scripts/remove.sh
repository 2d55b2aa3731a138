#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Removes the proxy drop-in from every runtime unit that has ours and
# restarts the running runtimes that still carry proxy settings their unit
# no longer gives them. Files someone else wrote stay where they are.
# Runs at every start of the remover pod: a second run must change nothing,
# and a run after one that was stopped half-way must finish its work. What
# is left to do is read from systemd and /proc, never from a file of ours.
set -u
umask 022
script_dir=$(dirname "$0")
[ -r "$script_dir/common.sh" ] || {
	echo "proxyinject: $script_dir/common.sh is missing; the config map must carry every script of kubectl-proxyinject" >&2
	exit 1
}
# shellcheck source=common.sh
. "$script_dir/common.sh"

in_list() {
	case " $2 " in
	*" $1 "*) return 0 ;;
	*) return 1 ;;
	esac
}

# True when systemd still has our drop-in loaded for the unit though the
# file is gone: a run stopped between deleting it and the reload.
loads_deleted_drop_in() {
	loaded_paths=$(host systemctl show -p DropInPaths "$1" 2>/dev/null) || return 1
	loaded_drop_in=$(managed_drop_in "$1")
	in_list "$loaded_drop_in" "${loaded_paths#DropInPaths=}" || return 1
	! { [ -e "$HOST_ROOT$loaded_drop_in" ] || [ -L "$HOST_ROOT$loaded_drop_in" ]; }
}

check_settings

removed=''
for unit in $runtime_units; do
	dir=$(drop_in_dir "$unit")
	file=$dir/$PROXYINJECT_DROP_IN
	[ -e "$file" ] || [ -L "$file" ] || continue
	if ! is_managed "$file"; then
		warn "$file was not written by kubectl-proxyinject; left untouched"
		continue
	fi
	rm -f "$file" || fail "cannot remove $file"
	# Only succeeds when nothing else lives there.
	rmdir "$dir" 2>/dev/null || true
	removed="$removed $unit"
	say "$unit: drop-in removed"
done

reload=$removed
for unit in $runtime_units; do
	in_list "$unit" "$removed" && continue
	if loads_deleted_drop_in "$unit"; then
		say "$unit: systemd still has the deleted drop-in loaded"
		reload=yes
	fi
done
if [ -n "$reload" ]; then
	host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
fi

restarted=''
for unit in $runtime_units; do
	if in_list "$unit" "$removed"; then done_what='drop-in removed'; else done_what=''; fi
	# A runtime that is not running has no proxy loaded; starting it is not ours to do.
	if ! host systemctl is-active --quiet "$unit"; then
		[ -z "$done_what" ] || say "$unit: $done_what, runtime not running, left stopped"
		continue
	fi
	stale=$(stale_proxy_env "$unit")
	case $?:$stale in
	0:)
		[ -z "$done_what" ] || say "$unit: $done_what, runtime was not running with it, not restarted"
		continue
		;;
	0:*)
		# Word splitting joins the names onto one line.
		# shellcheck disable=SC2086
		say "$unit: the runtime still runs with" $stale "which its unit no longer sets; restarting it"
		;;
	*)
		# Cannot tell, but we just removed settings it may have loaded.
		[ -n "$done_what" ] || continue
		say "$unit: cannot read the environment of the runtime; restarting it without the proxy"
		;;
	esac
	restart_unit "$unit"
	restarted="$restarted $unit"
	# Left unsaid, every later run would restart the runtime again.
	if stale=$(stale_proxy_env "$unit") && [ -n "$stale" ]; then
		warn "$unit still runs with proxy settings its unit does not set, even after a restart; something outside the unit gives them (see systemctl cat $unit)"
	fi
	if [ -n "$done_what" ]; then
		say "$unit: $done_what, runtime restarted"
	else
		say "$unit: runtime restarted with the settings of its unit"
	fi
done

if [ -z "$removed$reload$restarted" ]; then
	say "no drop-in of kubectl-proxyinject on this node, nothing to do"
fi
