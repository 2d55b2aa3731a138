// What the real-node tests read on a node, as root through the guest agent.

import type {NodeVm} from './node-vm.ts';

/** Runs `script` with the node's sh; its trimmed stdout, or an error naming the node and the exit. */
export async function sh(node: NodeVm, script: string): Promise<string> {
	const result = await node.exec(['sh', '-c', script]);
	if (result.code !== 0) {
		throw new Error(`${node.name}: ${script}: exit ${result.code}: ${result.stderr}`);
	}

	return result.stdout.trim();
}

export const dropIn = (runtime: string) => `/etc/systemd/system/${runtime}.service.d/http-proxy.conf`;

export const mainPid = async (node: NodeVm) => sh(node, `systemctl show -p MainPID --value ${node.runtime}.service`);

/** The environment the runtime's main process runs with, one NAME=value per line. */
export const runtimeEnviron = async (node: NodeVm) => sh(node, `tr '\\0' '\\n' </proc/$(systemctl show -p MainPID --value ${node.runtime}.service)/environ`);

/** How often systemd started the runtime since `since` (seconds since the epoch). */
export const startsSince = async (node: NodeVm, since: number) =>
	Number(await sh(node, `journalctl -u ${node.runtime}.service --since @${since} -o cat | grep -c '^Started ' || true`));
