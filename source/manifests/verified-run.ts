import {createHash} from 'node:crypto';
import type {HostScripts} from './host-scripts.ts';

/**
 * `sha256sum` lines of the host scripts, sorted by name. The pod template
 * carries them, so a changed script changes the template (and the settings
 * hash), and a script edited in the ConfigMap afterwards is refused.
 */
export function scriptSums(scripts: HostScripts): string {
	return Object.keys(scripts)
		.sort()
		.map(name => `${createHash('sha256').update(scripts[name]!, 'utf8').digest('hex')}  ${name}`)
		.join('\n');
}

/**
 * The init container's command: `sh -c verifiedRun proxyinject <script>`.
 * It lives in the pod template, not in the ConfigMap that anyone with edit
 * rights there could change. It copies the listed scripts out of the
 * ConfigMap mount (which the kubelet may swap at any moment), checks every
 * copy against PROXYINJECT_SCRIPT_SHA256SUMS, and runs the copies only when
 * all match.
 */
export const verifiedRun = `set -u
run=$(mktemp -d) || exit 1
printf '%s\\n' "$PROXYINJECT_SCRIPT_SHA256SUMS" >"$run/SHA256SUMS"
while read -r _ name; do
	case $name in
	'' | */* | .*)
		echo "proxyinject: PROXYINJECT_SCRIPT_SHA256SUMS names '$name', which is not a script file name" >&2
		exit 1
		;;
	esac
	cp "$PROXYINJECT_CONFIG_DIR/$name" "$run/$name" 2>/dev/null || {
		echo "proxyinject: $name is missing from the config map; run kubectl-proxyinject apply (or remove) again" >&2
		exit 1
	}
done <"$run/SHA256SUMS"
if ! checked=$(cd "$run" && sha256sum -c SHA256SUMS 2>&1); then
	echo "proxyinject: refusing to run scripts that differ from the ones kubectl-proxyinject shipped with this pod: $(printf '%s\\n' "$checked" | grep -v ': OK$' | tr '\\n' ' ')- the config map was edited; run kubectl-proxyinject apply (or remove) again" >&2
	exit 1
fi
exec sh "$run/$1"
`;
