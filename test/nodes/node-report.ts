// What a failed real-node test leaves behind: each node's kubelet and runtime
// as systemd and their journals see them, so a failure on a CI machine can be
// understood from its output alone.

import {readFile} from 'node:fs/promises';
import type {NodeVm} from './node-vm.ts';

const journalLines = 40;
const consoleLines = 20;

/** systemd's view of the kubelet and the runtime, their journals since boot, and the end of the console. */
export async function nodeReport(node: NodeVm): Promise<string> {
	const units = node.runtime === 'docker' ? 'kubelet docker cri-docker' : 'kubelet containerd';
	const script = [
		'echo "boot $(cat /proc/sys/kernel/random/boot_id), up $(cut -d" " -f1 /proc/uptime) s"',
		`systemctl --no-pager --lines=0 status ${units} 2>&1 | grep -E '^(●|×|○)|Active:|Main PID:'`,
		...units.split(' ').map(unit => `echo "-- journal of ${unit}"; journalctl -b --no-pager -o short-monotonic -u ${unit} | tail -n ${journalLines}`),
	].join('; ');
	const onNode = await node.exec(['sh', '-c', script], 30_000)
		.then(result => result.stdout + result.stderr)
		.catch((error: unknown) => `the node did not answer: ${error instanceof Error ? error.message : String(error)}`);
	const console = await readFile(node.consoleLog, 'utf8')
		.then(text => text.trimEnd().split('\n').slice(-consoleLines).join('\n'))
		.catch(() => '(no console log)');
	return `==== ${node.name} (${node.runtime})\n${onNode.trimEnd()}\n-- console\n${console}\n`;
}

/**
 * The control plane's side: every pod with its node and phase, and the
 * latest events. A rollout can also wait on a simulated node, whose pod only
 * the cluster's own view explains.
 */
export async function clusterReport(kubectl: (args: readonly string[]) => Promise<{stdout: string; stderr: string}>): Promise<string> {
	const shown = (args: readonly string[]) => kubectl(args)
		.then(result => (result.stdout + result.stderr).trimEnd())
		.catch((error: unknown) => `kubectl ${args.join(' ')} failed: ${error instanceof Error ? error.message : String(error)}`);
	const [pods, events] = await Promise.all([
		shown(['get', 'pods', '-A', '-o', 'wide']),
		shown(['get', 'events', '-A', '--sort-by=.lastTimestamp']),
	]);
	return `==== the cluster's pods\n${pods}\n==== the latest events\n${events.split('\n').slice(-journalLines).join('\n')}\n`;
}
