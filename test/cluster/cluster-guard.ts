// Makes sure a cluster dies with the process that started it, however that
// process ends (even SIGKILL): a detached shell holds the read end of a pipe
// from us and tears the cluster down when the pipe closes, unless we told it
// first that the cluster may outlive us.

import {spawn} from 'node:child_process';
import type {Socket} from 'node:net';
import type {Binaries} from './binaries.ts';
import {type ClusterPaths, kwokWorkdir} from './paths.ts';

export type ClusterGuard = {
	/** The cluster is stopped already, or is meant to outlive this process. */
	release(): void;
};

// Pids are read before kwokctl deletes the folder that holds them; a process
// is killed only if its command line still names this cluster's folder, so a
// recycled pid is never hit.
const teardown = String.raw`
IFS= read -r word || word=
[ "$word" = release ] && exit 0
pids=$(cat "$PIDS_DIR"/*.pid 2>/dev/null)
"$KWOKCTL" --name "$NAME" delete cluster --kubeconfig "$UNUSED_KUBECONFIG" >/dev/null 2>&1
for pid in $pids; do
	if grep -qF "$KWOK_DIR" "/proc/$pid/cmdline" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
done
rm -rf "$OWN_DIR"
`;

export function guardCluster(binaries: Binaries, name: string, paths: ClusterPaths): ClusterGuard {
	const child = spawn('sh', ['-c', teardown], {
		detached: true,
		stdio: ['pipe', 'ignore', 'ignore'],
		env: {
			...process.env,
			KWOK_WORKDIR: kwokWorkdir,
			KWOKCTL: binaries.kwokctl,
			NAME: name,
			PIDS_DIR: paths.pidsDir,
			KWOK_DIR: paths.kwokDir,
			OWN_DIR: paths.ownDir,
			UNUSED_KUBECONFIG: paths.unusedKubeconfig,
		},
	});
	child.unref();
	const pipe = child.stdin as Socket;
	pipe.unref();
	pipe.on('error', () => {
		// The guard is gone already: nothing left to tell it.
	});
	let released = false;
	return {
		release() {
			if (!released) {
				released = true;
				pipe.end('release\n');
			}
		},
	};
}
