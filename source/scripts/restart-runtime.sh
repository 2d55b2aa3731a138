#!/bin/sh
# Restarts a container runtime so that it runs with its current drop-ins,
# and puts the previous drop-ins back when it does not come back with them.
#
# Runs on the host as a transient service of the host's systemd: inject.sh
# and remove.sh start it with systemd-run and pass this file's text to the
# host's /bin/sh. It never runs inside the pod that asked for it, because
# restarting docker stops every container on the node, that pod included,
# and a runtime must not be left down because the pod that restarted it died.
#
# Arguments: ROOT UNIT TIMEOUT FILE...
#   ROOT     the host's / as this process sees it: empty on the host
#   UNIT     containerd.service, docker.service or crio.service
#   TIMEOUT  seconds the unit has to become active after each restart
#   FILE     names of the files of kubectl-proxyinject in UNIT's drop-in
#            directory; their previous versions are in
#            .proxyinject/UNIT.previous/ (a name missing there had no
#            previous version)
# Appends its outcome to .proxyinject/UNIT.restart, which the caller
# created: started=, result= (active, rolled-back or failed), finished=.
set -u
umask 077
root=$1
unit=$2
timeout=$3
shift 3
state_dir=$root/etc/systemd/system/.proxyinject
state=$state_dir/$unit.restart
previous=$state_dir/$unit.previous
drop_ins=$root/etc/systemd/system/$unit.d

note() {
	printf '%s=%s\n' "$1" "$2" >>"$state"
}

now() {
	date -u '+%Y-%m-%dT%H:%M:%SZ'
}

# True when the unit is active within the timeout after its restart.
restarted() {
	systemctl restart "$unit" || return 1
	deadline=$(($(date +%s) + timeout))
	until systemctl is-active --quiet "$unit"; do
		[ "$(date +%s)" -lt "$deadline" ] || return 1
		sleep 1
	done
}

note started "$(now)"
if restarted; then
	note result active
	note finished "$(now)"
	exit 0
fi

systemctl status --no-pager --full --lines=10 "$unit" >"$state_dir/$unit.status" 2>&1
mkdir -p "$drop_ins"
for name in "$@"; do
	if [ -f "$previous/$name" ]; then
		cp -p "$previous/$name" "$drop_ins/.$name.rollback" && mv -f "$drop_ins/.$name.rollback" "$drop_ins/$name"
	else
		rm -f "$drop_ins/$name"
	fi
done
rmdir "$drop_ins" 2>/dev/null
systemctl daemon-reload
if restarted; then
	note result rolled-back
else
	{
		echo "and after the previous drop-ins were put back:"
		systemctl status --no-pager --full --lines=10 "$unit"
	} >>"$state_dir/$unit.status" 2>&1
	note result failed
fi
note finished "$(now)"
