#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# Removes the proxy drop-in from every runtime unit that has ours and
# restarts only those runtimes. Files someone else wrote stay where they are.
# Runs at every start of the remover pod: a second run must change nothing.
set -u
umask 022
script_dir=$(dirname "$0")
[ -r "$script_dir/common.sh" ] || {
	echo "proxyinject: $script_dir/common.sh is missing; the config map must carry every script of kubectl-proxyinject" >&2
	exit 1
}
# shellcheck source=common.sh
. "$script_dir/common.sh"

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

if [ -z "$removed" ]; then
	say "no drop-in of kubectl-proxyinject on this node, nothing to do"
	exit 0
fi

host systemctl daemon-reload || fail "systemctl daemon-reload failed on the host"
for unit in $removed; do
	# A runtime that is not running has no proxy loaded; starting it is not ours to do.
	if host systemctl is-active --quiet "$unit"; then
		say "$unit: restarting the runtime without the proxy"
		restart_unit "$unit"
		say "$unit: drop-in removed, runtime restarted"
	else
		say "$unit: drop-in removed, runtime not running, left stopped"
	fi
done
