// Section 4 (cluster part): peak memory and CPU time of `status -o json`,
// each build and kubectl's `get nodes -o json` for scale, under GNU time.
// The output is read back through a pipe, as `| jq` would: a run whose JSON
// is cut short or misses nodes is reported, not averaged in.

import type {TestCluster} from '../cluster/cluster.ts';
import {type PluginBuild, toolEnv} from './plugin-builds.ts';
import {type Summary, summarize} from './stats.ts';
import {timedRun} from './timed-run.ts';

export type UsageRow = {
	readonly command: string;
	readonly build?: PluginBuild['name'];
	readonly runs: number;
	readonly wallMs: Summary;
	readonly cpuS: Summary;
	readonly maxRssMb: Summary;
	/** Runs whose output was not a complete JSON array of every node. */
	readonly incompleteOutputs: number;
};

function completeNodeList(stdout: string, nodes: number, shape: 'array' | 'list'): boolean {
	try {
		const parsed = JSON.parse(stdout) as unknown;
		const items = shape === 'array' ? parsed : (parsed as {items?: unknown}).items;
		return Array.isArray(items) && items.length === nodes;
	} catch {
		return false;
	}
}

export async function measureStatusUsage(cluster: TestCluster, kubeconfig: string, builds: readonly PluginBuild[], nodes: number, runs: number): Promise<UsageRow[]> {
	const commands = [
		{command: 'kubectl get nodes -o json', argv: ['kubectl', 'get', 'nodes', '-o', 'json'], build: undefined, shape: 'list' as const},
		...builds.map(build => ({command: 'kubectl proxyinject status -o json', argv: ['kubectl', 'proxyinject', 'status', '-o', 'json'], build, shape: 'array' as const})),
	];
	const samples = commands.map(() => ({wall: [] as number[], cpu: [] as number[], rss: [] as number[], incomplete: 0}));
	// Interleaved, like the startup rounds.
	for (let run = 0; run < runs; run++) {
		for (const [index, command] of commands.entries()) {
			const result = await timedRun(command.argv, toolEnv(command.build, cluster.binDir, kubeconfig));
			const sample = samples[index]!;
			if (result.code !== 0 || !completeNodeList(result.stdout, nodes, command.shape)) {
				sample.incomplete++;
			}

			sample.wall.push(result.wallMs);
			sample.cpu.push(result.userS + result.systemS);
			sample.rss.push(result.maxRssKb / 1024);
		}
	}

	return commands.map((command, index) => ({
		command: command.command,
		...(command.build && {build: command.build.name}),
		runs,
		wallMs: summarize(samples[index]!.wall),
		cpuS: summarize(samples[index]!.cpu),
		maxRssMb: summarize(samples[index]!.rss),
		incompleteOutputs: samples[index]!.incomplete,
	}));
}
