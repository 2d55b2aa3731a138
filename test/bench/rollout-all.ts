// Section 2a: `apply --yes --rollout all` against what a user would do with
// kubectl alone: `kubectl apply -f` of the same objects (from the plugin's
// --dry-run), then `kubectl rollout status` on the DaemonSet. Runs alternate
// (plugin, kubectl, kubectl, plugin, ...) on the same cluster, starting from
// nothing installed each time; a watch of the bench's own records when the
// pods appeared and became Ready, and the audit log what each tool asked.

import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parseAllDocuments, stringify} from 'yaml';
import type {TestCluster} from '../cluster/cluster.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {names} from '../../source/manifests/names.ts';
import {readTerminatedWatchers, watcherTerminations} from './apiserver-metrics.ts';
import {agentOf, type auditReader, countRequests, type RequestCounts, requestsOf} from './audit-log.ts';
import {cleanSlate, namespace, selectors} from './clean-slate.ts';
import {recordPods} from './event-recorder.ts';
import {type BuildName, type PluginBuild, toolEnv} from './plugin-builds.ts';
import {type TimedRun, timedRun, timedSequence} from './timed-run.ts';

export const benchProxy = 'http://proxy.bench.example:3128';

export type Tool = 'plugin' | 'kubectl';

export type RolloutRun = {
	readonly tool: Tool;
	readonly build?: BuildName;
	/** 'usage': an extra run for the CPU and memory of another build, left out of the comparison. */
	readonly purpose: 'compare' | 'usage';
	readonly wallMs: number;
	readonly cpuS: number;
	readonly maxRssKb: number;
	/** From the start to the first injector pod, and to the last one Ready (as the bench's watch saw them). */
	readonly firstPodMs: number;
	readonly lastReadyMs: number;
	readonly podsReady: number;
	/** Watchers the API server closed during the run for not keeping up, by resource (all clients). */
	readonly terminatedWatchers: Record<string, number>;
	readonly requests: RequestCounts;
};

export type RolloutContext = {
	readonly cluster: TestCluster;
	readonly kubeconfig: string;
	readonly workDir: string;
	readonly audit: ReturnType<typeof auditReader>;
	readonly expectedPods: number;
	readonly log: (line: string) => void;
};

/** The plugin's own objects for this cluster, made rollable by `kubectl rollout status` (which refuses OnDelete DaemonSets; a first install creates every pod either way). */
export async function baselineManifests(context: RolloutContext, build: PluginBuild): Promise<string> {
	const result = await timedRun(['kubectl', 'proxyinject', 'apply', '--https-proxy', benchProxy, '--dry-run', '-o', 'yaml'], toolEnv(build, context.cluster.binDir, context.kubeconfig));
	if (result.code !== 0) {
		throw new Error(`--dry-run failed: ${result.stderr.trim()}`);
	}

	const objects = parseAllDocuments(result.stdout).map(document => document.toJS() as {kind: string; spec?: {updateStrategy?: unknown}});
	for (const object of objects) {
		if (object.kind === 'DaemonSet' && object.spec) {
			object.spec.updateStrategy = {type: 'RollingUpdate'};
		}
	}

	const file = join(context.workDir, `${context.cluster.name}-manifests.yaml`);
	await writeFile(file, objects.map(object => stringify(object)).join('---\n'));
	return file;
}

function pluginApply(build: PluginBuild, context: RolloutContext): Promise<TimedRun> {
	return timedRun(['kubectl', 'proxyinject', 'apply', '--https-proxy', benchProxy, '--yes', '--rollout', 'all'], toolEnv(build, context.cluster.binDir, context.kubeconfig));
}

function kubectlApply(manifests: string, context: RolloutContext): Promise<TimedRun> {
	return timedSequence([
		['kubectl', 'apply', '-f', manifests],
		['kubectl', 'rollout', 'status', `daemonset/${names.injector}`, '-n', namespace, '--timeout=20m'],
	], toolEnv(undefined, context.cluster.binDir, context.kubeconfig));
}

/** One run from a clean slate; leaves the cluster clean again. */
export async function measureRollout(context: RolloutContext, tool: Tool, build: PluginBuild | undefined, manifests: string, purpose: RolloutRun['purpose'] = 'compare'): Promise<RolloutRun> {
	const {cluster} = context;
	const recorder = await recordPods(cluster.kubeconfig, namespace, selectors.injector);
	try {
		const terminatedBefore = await readTerminatedWatchers(cluster);
		const offset = await context.audit.mark();
		const run = tool === 'plugin' ? await pluginApply(build!, context) : await kubectlApply(manifests, context);
		if (run.code !== 0) {
			throw new Error(`${tool} rollout exited with ${run.code}: ${(run.stderr || run.stdout).trim().slice(-1500)}`);
		}

		// The tool saw every pod Ready; our own watch may be a moment behind.
		await waitFor(async () => (recorder.readyCount() >= context.expectedPods ? true : undefined), {
			what: `the bench's watch to see ${context.expectedPods} injector pods Ready`,
			timeoutMs: 60_000,
			pollMs: 100,
		}, () => `${recorder.readyCount()} Ready`);
		recorder.check();
		const requests = requestsOf(await context.audit.since(offset)).filter(request => agentOf(request.userAgent) === tool);
		const pods = recorder.pods();
		const result: RolloutRun = {
			tool,
			...(build && {build: build.name}),
			purpose,
			wallMs: run.wallMs,
			cpuS: run.userS + run.systemS,
			maxRssKb: run.maxRssKb,
			firstPodMs: Math.min(...pods.map(pod => pod.createdAt)) - run.startedAt,
			lastReadyMs: Math.max(...pods.map(pod => pod.readyAt ?? Number.NaN)) - run.startedAt,
			podsReady: recorder.readyCount(),
			terminatedWatchers: watcherTerminations(terminatedBefore, await readTerminatedWatchers(cluster)),
			requests: countRequests(requests),
		};
		context.log(`  ${tool}${build ? ` (${build.name})` : ''}: ${(result.wallMs / 1000).toFixed(1)} s, last pod Ready at ${(result.lastReadyMs / 1000).toFixed(1)} s, ${result.requests.total} requests`);
		return result;
	} finally {
		recorder.stop();
		await cleanSlate(cluster);
	}
}

/**
 * `runs` runs of each tool, alternating so that drift in the machine's load
 * hits both; then one run of each build in `usageBuilds` for its CPU and memory.
 */
export async function compareRollouts(context: RolloutContext, build: PluginBuild, runs: number, usageBuilds: readonly PluginBuild[] = []): Promise<RolloutRun[]> {
	await cleanSlate(context.cluster);
	const manifests = await baselineManifests(context, build);
	const results: RolloutRun[] = [];
	for (let index = 0; index < runs; index++) {
		const order: Tool[] = index % 2 === 0 ? ['plugin', 'kubectl'] : ['kubectl', 'plugin'];
		for (const tool of order) {
			results.push(await measureRollout(context, tool, tool === 'plugin' ? build : undefined, manifests));
		}
	}

	for (const other of usageBuilds) {
		results.push(await measureRollout(context, 'plugin', other, manifests, 'usage'));
	}

	return results;
}
