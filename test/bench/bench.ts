// npm run bench [-- --quick | --full] [--release PATH] [--out FILE]
//
// Measures kubectl proxyinject next to kubectl on real local clusters (see
// test/bench/README.md) and writes test/bench/results.md. Every cluster is
// stopped when the run ends, however it ends.

import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {availableParallelism, loadavg, tmpdir, totalmem} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {requireCachedBinaries, startCluster, type TestCluster} from '../cluster/cluster.ts';
import {run} from '../cluster/run.ts';
import {agentOf, auditPolicy, auditReader, countRequests, requestsOf} from './audit-log.ts';
import {benchKubeconfig} from './bench-user.ts';
import {measureNodeByNode} from './node-by-node.ts';
import {devBuild, type PluginBuild, releaseBuild, toolEnv} from './plugin-builds.ts';
import {profileRun} from './profile-run.ts';
import {renderReport} from './report.ts';
import type {BenchResults, Mode} from './results.ts';
import {benchProxy, compareRollouts, type RolloutContext} from './rollout-all.ts';
import {measureStartup} from './startup.ts';
import {measureStatusUsage} from './status-usage.ts';
import {haveGnuTime, timedRun} from './timed-run.ts';
import {measureFramesInChild} from './ui-frames.ts';

type Plan = {
	readonly startupRounds: number;
	readonly startupRunsPerRound: number;
	readonly rolloutRuns: number;
	readonly statusRuns: number;
	readonly frames: number;
	readonly largeNodes?: number;
	readonly largeStatusRuns: number;
	readonly largeRolloutRuns: number;
};

const plans: Record<Mode, Plan> = {
	quick: {startupRounds: 3, startupRunsPerRound: 5, rolloutRuns: 3, statusRuns: 3, frames: 100, largeStatusRuns: 0, largeRolloutRuns: 0},
	standard: {startupRounds: 4, startupRunsPerRound: 6, rolloutRuns: 5, statusRuns: 5, frames: 200, largeStatusRuns: 0, largeRolloutRuns: 0},
	full: {startupRounds: 4, startupRunsPerRound: 6, rolloutRuns: 5, statusRuns: 5, frames: 200, largeNodes: 5000, largeStatusRuns: 3, largeRolloutRuns: 1},
};

const usage = `usage: npm run bench [-- --quick | --full] [--release PATH] [--out FILE]

  (default)   100 and 1,000 nodes, 5 runs per rollout comparison     (~8 minutes)
  --quick     100 and 1,000 nodes, 3 runs                             (~5 minutes)
  --full      the default, then 5,000 nodes (a 1.4 GB API server)     (~15 minutes)
  --release   the release executable to measure (default: release/work's if newer than
              source/, else a fresh release build)
  --out       where to write the results (default: test/bench/results.md)`;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function message(error: unknown): string {
	return error instanceof Error ? error.message.split('\n').slice(0, 6).join(' / ') : String(error);
}

async function requireTools(): Promise<void> {
	if ((await run('hyperfine', ['--version']).catch(() => ({code: 127}))).code !== 0) {
		throw new Error('hyperfine is not installed (Debian package `hyperfine`)');
	}

	if (!haveGnuTime()) {
		throw new Error('/usr/bin/time is not installed (Debian package `time`: apt-get install time)');
	}
}

async function main(): Promise<number> {
	const {values} = parseArgs({options: {quick: {type: 'boolean'}, full: {type: 'boolean'}, release: {type: 'string'}, out: {type: 'string'}, help: {type: 'boolean', short: 'h'}}});
	if (values.help) {
		process.stdout.write(`${usage}\n`);
		return 0;
	}

	const mode: Mode = values.full ? 'full' : values.quick ? 'quick' : 'standard';
	const plan = plans[mode];
	const out = values.out ?? fileURLToPath(new URL('results.md', import.meta.url));
	await requireTools();
	const binaries = await requireCachedBinaries();
	const workDir = await mkdtemp(join(tmpdir(), 'proxyinject-bench-'));
	const started = Date.now();
	const results: BenchResults = {
		mode,
		startedAt: new Date(started),
		durationS: 0,
		machine: {cpus: availableParallelism(), memoryGb: totalmem() / 1024 ** 3, node: process.version, kubeVersion: binaries.kubeVersion, loadBefore: loadavg(), loadAfter: []},
		builds: {},
		clusters: [],
		rollouts: [],
		statusUsage: [],
		statusRequests: [],
		profiles: [],
		failures: [],
		notes: [],
	};

	const section = async (name: string, work: () => Promise<void>) => {
		log(name);
		try {
			await work();
		} catch (error) {
			results.failures.push(`${name}: ${message(error)}`);
			log(`FAILED: ${name}: ${message(error)}`);
		}
	};

	try {
		const dev = await devBuild(workDir);
		results.builds.dev = dev.note;
		let release: PluginBuild | undefined;
		await section('release build', async () => {
			release = await releaseBuild(workDir, values.release, log);
			results.builds.release = release.note;
		});
		if (!release) {
			results.builds.releaseSkipped = results.failures.at(-1) ?? 'not available';
		}

		const builds = release ? [dev, release] : [dev];
		const primary = release ?? dev;

		await section('UI frames, 5,000 nodes', async () => {
			results.frames = {
				production: await measureFramesInChild(5000, plan.frames, 'production'),
				development: await measureFramesInChild(5000, plan.frames, 'as-is'),
			};
		});

		const withCluster = async (nodes: number, work: (cluster: TestCluster, context: RolloutContext) => Promise<void>) => {
			let cluster: TestCluster | undefined;
			await section(`${nodes.toLocaleString('en')}-node cluster`, async () => {
				try {
					cluster = await startCluster({name: `proxyinject-bench-${nodes}`, containerd: nodes, auditPolicy}, {binaries, log: line => log(`  ${line}`)});
					results.clusters.push({name: cluster.name, nodes, workloadPods: cluster.workloadPods.length, startS: cluster.timings.totalMs / 1000});
					if (!cluster.auditLog) {
						throw new Error('the cluster has no audit log');
					}

					const kubeconfig = await benchKubeconfig(cluster, workDir);
					await work(cluster, {cluster, kubeconfig, workDir, audit: auditReader(cluster.auditLog), expectedPods: nodes, log});
				} finally {
					await cluster?.stop();
				}
			});
		};

		await withCluster(100, async (cluster, context) => {
			await section('startup (100 nodes)', async () => {
				results.startup = await measureStartup({builds, kubectlDir: cluster.binDir, kubeconfig: context.kubeconfig, nodes: 100, rounds: plan.startupRounds, runsPerRound: plan.startupRunsPerRound, workDir});
			});
			await section('node by node (100 nodes)', async () => {
				results.nodeByNode = await measureNodeByNode(context, primary);
			});
			await section('profile: --help (dev)', async () => {
				results.profiles.push(await profileRun('`--help`', ['--help'], dev, cluster.binDir, context.kubeconfig));
			});
		});

		const scale = async (nodes: number, statusRuns: number, rolloutRuns: number, usageBuilds: readonly PluginBuild[], profile: boolean) => {
			await withCluster(nodes, async (cluster, context) => {
				await section(`status: requests (${nodes} nodes)`, async () => {
					const offset = await context.audit.mark();
					const status = await timedRun(['kubectl', 'proxyinject', 'status', '-o', 'json'], toolEnv(primary, cluster.binDir, context.kubeconfig));
					if (status.code !== 0) {
						throw new Error(status.stderr.trim());
					}

					const requests = requestsOf(await context.audit.since(offset)).filter(request => agentOf(request.userAgent) === 'plugin');
					results.statusRequests.push({nodes, requests: countRequests(requests)});
				});
				await section(`status: time and memory (${nodes} nodes)`, async () => {
					results.statusUsage.push({nodes, rows: await measureStatusUsage(cluster, context.kubeconfig, builds, nodes, statusRuns)});
				});
				if (profile) {
					await section(`profile: status and apply --rollout all (dev, ${nodes} nodes)`, async () => {
						results.profiles.push(await profileRun(`\`status -o json\`, ${nodes.toLocaleString('en')} nodes`, ['status', '-o', 'json'], dev, cluster.binDir, context.kubeconfig));
						results.profiles.push(await profileRun(`\`apply --rollout all\`, ${nodes.toLocaleString('en')} nodes`, ['apply', '--https-proxy', benchProxy, '--yes', '--rollout', 'all'], dev, cluster.binDir, context.kubeconfig));
					});
				}

				await section(`rollout all (${nodes} nodes)`, async () => {
					results.rollouts.push({nodes, runs: await compareRollouts(context, primary, rolloutRuns, usageBuilds)});
				});
			});
		};

		await scale(1000, plan.statusRuns, plan.rolloutRuns, release ? [dev] : [], true);
		if (plan.largeNodes !== undefined) {
			await scale(plan.largeNodes, plan.largeStatusRuns, plan.largeRolloutRuns, release ? [dev] : [], false);
		}
	} finally {
		results.machine.loadAfter = loadavg();
		results.durationS = (Date.now() - started) / 1000;
		const report = renderReport(results);
		await writeFile(out, report);
		await rm(workDir, {recursive: true, force: true});
		log(`results written to ${out} (${(results.durationS / 60).toFixed(1)} minutes)`);
		const targets = report.slice(report.indexOf('## Targets'), report.indexOf('\n## ', report.indexOf('## Targets') + 1));
		process.stdout.write(`${targets}\n`);
	}

	return results.failures.length > 0 ? 1 : 0;
}

if (import.meta.main) {
	// Idle keep-alive connections of the bench's own watches would hold the process for a while.
	const exit = (code: number) => process.stdout.write('', () => process.exit(code));
	main().then(exit, (error: unknown) => {
		log(message(error));
		exit(1);
	});
}
