// The processes kwokctl started for a cluster, from its pid files. A pid only
// counts as ours while its command line still names the cluster's folder, so
// a recycled pid is never mistaken for (or killed as) a cluster process.

import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {waitFor} from './wait-for.ts';

export type ClusterProcess = {readonly component: string; readonly pid: number};

export async function readClusterProcesses(pidsDir: string): Promise<ClusterProcess[]> {
	let files: string[];
	try {
		files = await readdir(pidsDir);
	} catch {
		return [];
	}

	const processes: ClusterProcess[] = [];
	for (const file of files.filter(name => name.endsWith('.pid'))) {
		const pid = Number.parseInt(await readFile(join(pidsDir, file), 'utf8').catch(() => ''), 10);
		if (Number.isInteger(pid) && pid > 0) {
			processes.push({component: file.slice(0, -'.pid'.length), pid});
		}
	}

	return processes;
}

/** Running (not a zombie) and still one of ours. */
export async function isClusterProcessAlive(pid: number, marker: string): Promise<boolean> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
		if (state === 'Z' || state === 'X') {
			return false;
		}

		const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8');
		return commandLine.includes(marker);
	} catch {
		return false;
	}
}

async function alive(processes: readonly ClusterProcess[], marker: string): Promise<ClusterProcess[]> {
	const flags = await Promise.all(processes.map(async process => isClusterProcessAlive(process.pid, marker)));
	return processes.filter((_, i) => flags[i]);
}

/**
 * Waits for the processes to exit; what still runs after `graceMs` gets
 * SIGKILL. Resolves once none is left.
 */
export async function ensureGone(processes: readonly ClusterProcess[], marker: string, graceMs: number): Promise<void> {
	let left: ClusterProcess[] = [...processes];
	try {
		await waitFor(async () => {
			left = await alive(left, marker);
			return left.length === 0 ? true : undefined;
		}, {what: 'cluster processes to exit', timeoutMs: graceMs, pollMs: 100});
		return;
	} catch {
		// Fall through to SIGKILL.
	}

	for (const {pid} of left) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Exited meanwhile.
		}
	}

	await waitFor(async () => {
		left = await alive(left, marker);
		return left.length === 0 ? true : undefined;
	}, {what: 'killed cluster processes to exit', timeoutMs: 10_000, pollMs: 100}, () => left.map(p => `${p.component} (${p.pid})`).join(', '));
}
