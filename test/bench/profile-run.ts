// One run of the dev build with V8's CPU profiler on (NODE_OPTIONS reaches
// Node through kubectl and the launcher), summarised: where the plugin's own
// CPU time goes. Not a timing run: the profiler slows the process down.

import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {type CpuProfile, type ProfileSummary, summarizeProfile} from './cpu-profile.ts';
import {type PluginBuild, toolEnv} from './plugin-builds.ts';
import {timedRun} from './timed-run.ts';

export type ProfiledRun = {
	readonly label: string;
	readonly summary: ProfileSummary;
};

export async function profileRun(label: string, args: readonly string[], build: PluginBuild, kubectlDir: string, kubeconfig: string): Promise<ProfiledRun> {
	const dir = await mkdtemp(join(tmpdir(), 'proxyinject-bench-profile-'));
	try {
		const env = toolEnv(build, kubectlDir, kubeconfig, {NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`});
		const run = await timedRun(['kubectl', 'proxyinject', ...args], env);
		if (run.code !== 0) {
			throw new Error(`profiled run of ${args.join(' ')} exited with ${run.code}: ${run.stderr.trim().slice(-1000)}`);
		}

		const file = (await readdir(dir)).find(name => name.endsWith('.cpuprofile'));
		if (!file) {
			throw new Error(`no CPU profile written for ${args.join(' ')}`);
		}

		return {label, summary: summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile, 8)};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}
