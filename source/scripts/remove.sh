#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Removes the proxy drop-in (and the environment file with credentials next
# to it) from every runtime unit that has ours, restarts the running
# runtimes that still carry proxy settings their unit no longer gives them,
# and then deletes the CA certificates of --ca-file.
# Files someone else wrote stay where they are.
# Runs at every start of the remover pod: a second run must change nothing,
# and a run after one that was stopped half-way must finish its work. What
# is left to do is read from systemd and /proc, never from a file of ours.
set -u
umask 022
script_dir=$(dirname "$0")
for script_part in common.sh restart-runtime.sh; do
	[ -r "$script_dir/$script_part" ] || {
		echo "proxyinject: $script_dir/$script_part is missing; the config map must carry every script of kubectl-proxyinject" >&2
		exit 1
	}
done
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
check_systemd_dir
take_lock
clean_temp_files

# What an earlier run asked systemd to do: a docker restart stops this
# container, so its outcome is reported here, by the next run.
reported=''
for unit in $runtime_units; do
	settle_pending "$unit"
	[ -n "$(state_value "$unit" result)" ] || continue
	if [ "$(state_value "$unit" operation)" = remove ]; then
		check_restart_outcome "$unit"
		say "$unit: restarted at $(state_value "$unit" requested) without the proxy"
		reported=yes
	fi
	clear_restart "$unit"
done

removed=''
for unit in $runtime_units; do
	dir=$(drop_in_dir "$unit")
	ours=''
	for name in "$PROXYINJECT_DROP_IN" "$env_file_name"; do
		[ -e "$dir/$name" ] || [ -L "$dir/$name" ] || continue
		if is_managed "$dir/$name"; then
			ours="$ours $name"
		else
			warn "${dir#"$HOST_ROOT"}/$name was not written by kubectl-proxyinject; left untouched"
		fi
	done
	[ -n "$ours" ] || continue
	save_previous "$unit"
	# The drop-in first: it names the environment file. Names are checked
	# plain file names, so splitting the list is safe.
	for name in $ours; do
		rm -f "${dir:?}/$name" || fail "cannot remove $dir/$name"
	done
	sync "$dir" 2>/dev/null
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
# docker last: restarting it stops this container, and the runs after it
# must find the other runtimes done.
for unit in containerd.service crio.service docker.service; do
	if in_list "$unit" "$removed"; then done_what='drop-in removed'; else done_what=''; fi
	# A runtime that is not running has no proxy loaded; starting it is not ours to do.
	if ! host systemctl is-active --quiet "$unit"; then
		[ -z "$done_what" ] || say "$unit: $done_what, runtime not running, left stopped"
		clear_restart "$unit"
		continue
	fi
	stale=$(stale_proxy_env "$unit")
	case $?:$stale in
	0:)
		[ -z "$done_what" ] || say "$unit: $done_what, runtime was not running with it, not restarted"
		clear_restart "$unit"
		continue
		;;
	0:*)
		# Word splitting joins the names onto one line.
		# shellcheck disable=SC2086
		say "$unit: the runtime still runs with" $stale "which its unit no longer sets; restarting it"
		;;
	*)
		# Cannot tell, but we just removed settings it may have loaded.
		if [ -z "$done_what" ]; then
			clear_restart "$unit"
			continue
		fi
		say "$unit: cannot read the environment of the runtime; restarting it without the proxy"
		;;
	esac
	save_previous "$unit"
	restart_runtime "$unit" remove none
	clear_restart "$unit"
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

# Last: until every runtime runs without SSL_CERT_DIR, a roll-back may put
# back a drop-in that names these folders.
pruned=''
if [ -d "$ca_root" ]; then
	pruned=yes
	prune_ca_folders ''
fi

if [ -z "$removed$reload$restarted$reported$pruned" ]; then
	say "no drop-in of kubectl-proxyinject on this node, nothing to do"
fi
