// Section 1: how long a command takes from the shell, plugin next to
// kubectl, every run through kubectl's plugin discovery. `--help` against
// `kubectl version --client` (no cluster), `status -o json` against
// `kubectl get nodes -o json` (the same nodes, one list request).

import {hyperfine, type TimedCommand} from './hyperfine.ts';
import {type PluginBuild, toolEnv} from './plugin-builds.ts';
import {type Summary, summarize} from './stats.ts';

export type StartupResults = {
	readonly nodes: number;
	readonly samplesPerCommand: number;
	/** Command name -> wall-clock summary (ms). */
	readonly commands: ReadonlyMap<string, Summary>;
	readonly pairs: readonly StartupPair[];
};

export type StartupPair = {readonly plugin: string; readonly baseline: string; readonly build: PluginBuild['name']; readonly what: 'help' | 'status'};

export const baselineNames = {help: 'kubectl version --client', status: 'kubectl get nodes -o json'} as const;

export function pluginCommandName(what: 'help' | 'status', build: PluginBuild['name']): string {
	return `kubectl proxyinject ${what === 'help' ? '--help' : 'status -o json'} (${build})`;
}

export type StartupOptions = {
	readonly builds: readonly PluginBuild[];
	readonly kubectlDir: string;
	readonly kubeconfig: string;
	readonly nodes: number;
	readonly rounds: number;
	readonly runsPerRound: number;
};

export async function measureStartup(options: StartupOptions): Promise<StartupResults> {
	const env = (build?: PluginBuild) => {
		const full = toolEnv(build, options.kubectlDir, options.kubeconfig);
		return {PATH: full['PATH']!, KUBECONFIG: options.kubeconfig, HOME: full['HOME'] ?? '/root'};
	};

	const commands: TimedCommand[] = [
		{name: baselineNames.help, argv: ['kubectl', 'version', '--client'], env: env()},
		...options.builds.map(build => ({name: pluginCommandName('help', build.name), argv: ['kubectl', 'proxyinject', '--help'], env: env(build)})),
		{name: baselineNames.status, argv: ['kubectl', 'get', 'nodes', '-o', 'json'], env: env()},
		...options.builds.map(build => ({name: pluginCommandName('status', build.name), argv: ['kubectl', 'proxyinject', 'status', '-o', 'json'], env: env(build)})),
	];
	const samples = await hyperfine(commands, {rounds: options.rounds, runsPerRound: options.runsPerRound, warmup: 2});
	const pairs = options.builds.flatMap(build => (['help', 'status'] as const).map(what => ({plugin: pluginCommandName(what, build.name), baseline: baselineNames[what], build: build.name, what})));
	return {
		nodes: options.nodes,
		samplesPerCommand: options.rounds * options.runsPerRound,
		commands: new Map([...samples].map(([name, values]) => [name, summarize(values)])),
		pairs,
	};
}
