// Section 1: how long a command takes from the shell, plugin next to
// kubectl, every run through kubectl's plugin discovery. `--help` against
// `kubectl version --client` (no cluster), `status -o json` against
// `kubectl get nodes -o json` (the same nodes, one list request). A plugin
// that is an empty Node program shows the floor of any plugin in Node.

import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
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

/** A command measured against another: `plugin` / `baseline`. */
export type StartupPair = {readonly plugin: string; readonly baseline: string};

export const baselineNames = {help: 'kubectl version --client', status: 'kubectl get nodes -o json'} as const;

/** kubectl starting a plugin that starts Node and does nothing: below this no Node plugin can go. */
export const floorName = 'kubectl nodefloor (a plugin that is an empty Node program)';

/** A folder holding `kubectl-nodefloor`: an empty script run by the Node that runs the bench, the release's Node version. */
async function floorPluginDir(workDir: string): Promise<string> {
	const dir = join(workDir, 'path-floor');
	await mkdir(dir, {recursive: true});
	const plugin = join(dir, 'kubectl-nodefloor');
	await writeFile(plugin, `#!${process.execPath}\n`);
	await chmod(plugin, 0o755);
	return dir;
}

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
	/** Scratch space for the floor plugin. */
	readonly workDir: string;
};

export async function measureStartup(options: StartupOptions): Promise<StartupResults> {
	const env = (build?: Pick<PluginBuild, 'pathDir'>) => {
		const full = toolEnv(build, options.kubectlDir, options.kubeconfig);
		return {PATH: full['PATH']!, KUBECONFIG: options.kubeconfig, HOME: full['HOME'] ?? '/root'};
	};

	const commands: TimedCommand[] = [
		{name: baselineNames.help, argv: ['kubectl', 'version', '--client'], env: env()},
		{name: floorName, argv: ['kubectl', 'nodefloor'], env: env({pathDir: await floorPluginDir(options.workDir)})},
		...options.builds.map(build => ({name: pluginCommandName('help', build.name), argv: ['kubectl', 'proxyinject', '--help'], env: env(build)})),
		{name: baselineNames.status, argv: ['kubectl', 'get', 'nodes', '-o', 'json'], env: env()},
		...options.builds.map(build => ({name: pluginCommandName('status', build.name), argv: ['kubectl', 'proxyinject', 'status', '-o', 'json'], env: env(build)})),
	];
	const samples = await hyperfine(commands, {rounds: options.rounds, runsPerRound: options.runsPerRound, warmup: 2});
	const pairs = [
		{plugin: floorName, baseline: baselineNames.help},
		...options.builds.flatMap(build => (['help', 'status'] as const).map(what => ({plugin: pluginCommandName(what, build.name), baseline: baselineNames[what]}))),
	];
	return {
		nodes: options.nodes,
		samplesPerCommand: options.rounds * options.runsPerRound,
		commands: new Map([...samples].map(([name, values]) => [name, summarize(values)])),
		pairs,
	};
}
