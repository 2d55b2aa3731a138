// The bench's results as markdown (test/bench/results.md). Pure: results in,
// text out.

import type {RequestCounts} from './audit-log.ts';
import type {Mode, BenchResults} from './results.ts';
import type {RolloutRun} from './rollout-all.ts';
import {pluginCommandName, baselineNames} from './startup.ts';
import {ratio, type Summary, summarize} from './stats.ts';
import type {FrameResults} from './ui-frames.ts';

export function ms(value: number): string {
	if (!Number.isFinite(value)) {
		return 'n/a';
	}

	return Math.abs(value) >= 10_000 ? `${(value / 1000).toFixed(1)} s` : Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

export function times(value: number): string {
	return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** `median (min–max)` in a unit. */
export function spread(summary: Summary | undefined, format: (value: number) => string = ms): string {
	if (summary === undefined || summary.n === 0) {
		return 'n/a';
	}

	return summary.n === 1 ? format(summary.median) : `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

const mb = (value: number) => `${value.toFixed(0)} MB`;
const seconds = (value: number) => `${value.toFixed(2)} s`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(row => `| ${row.join(' | ')} |`)];
}

type Verdict = {readonly metric: string; readonly target: string; readonly measured: string; readonly met: boolean | undefined};

function mark(met: boolean | undefined): string {
	return met === undefined ? 'not measured' : met ? 'met' : '**missed**';
}

const modeText: Record<Mode, string> = {
	quick: '`--quick`: 100 and 1,000 nodes, fewest runs',
	standard: 'default: 100 and 1,000 nodes',
	full: '`--full`: 100, 1,000 and 5,000 nodes',
};

function rolloutSummaries(runs: readonly RolloutRun[]) {
	const of = (tool: 'plugin' | 'kubectl') => runs.filter(run => run.tool === tool && run.purpose === 'compare');
	const plugin = of('plugin');
	const kubectl = of('kubectl');
	return {plugin, kubectl, pluginWall: summarize(plugin.map(run => run.wallMs)), kubectlWall: summarize(kubectl.map(run => run.wallMs))};
}

function verdicts(results: BenchResults): Verdict[] {
	const list: Verdict[] = [];
	const startup = results.startup;
	for (const build of ['dev', 'release'] as const) {
		for (const what of ['help', 'status'] as const) {
			const plugin = startup?.commands.get(pluginCommandName(what, build));
			const baseline = startup?.commands.get(baselineNames[what]);
			const value = ratio(plugin, baseline);
			list.push({
				metric: `${what === 'help' ? '`--help` vs `kubectl version --client`' : `\`status -o json\` vs \`kubectl get nodes -o json\` (${startup?.nodes ?? 100} nodes)`}, ${build}`,
				target: '≤ 1.5×',
				measured: plugin ? `${times(value)} (${ms(plugin.median)} vs ${ms(baseline?.median ?? Number.NaN)})` : 'n/a',
				met: plugin ? value <= 1.5 : undefined,
			});
		}
	}

	for (const {nodes, runs} of results.rollouts) {
		const {pluginWall, kubectlWall} = rolloutSummaries(runs);
		const value = ratio(pluginWall, kubectlWall);
		list.push({
			metric: `\`apply --rollout all\` vs \`kubectl apply\` + \`rollout status\` (${nodes.toLocaleString('en')} nodes)`,
			target: '≤ 1.05×',
			measured: pluginWall.n > 0 ? `${times(value)} (${ms(pluginWall.median)} vs ${ms(kubectlWall.median)})` : 'n/a',
			met: pluginWall.n > 0 && kubectlWall.n > 0 ? value <= 1.05 : undefined,
		});
	}

	// The cost of the plugin's own work next to kubectl's, where the rollout is compared in several runs.
	const thousand = results.rollouts.find(entry => entry.nodes === 1000);
	if (thousand) {
		const {plugin, kubectl} = rolloutSummaries(thousand.runs);
		const medians = (select: (run: RolloutRun) => number) => [summarize(plugin.map(select)), summarize(kubectl.map(select))] as const;
		const measured = plugin.length > 0 && kubectl.length > 0;
		const [pluginCpu, kubectlCpu] = medians(run => run.cpuS);
		const cpu = ratio(pluginCpu, kubectlCpu);
		list.push({
			metric: 'CPU (user+sys) of `apply --rollout all` vs `kubectl apply` + `rollout status` (1,000 nodes)',
			target: '≤ 3×',
			measured: measured ? `${times(cpu)} (${seconds(pluginCpu.median)} vs ${seconds(kubectlCpu.median)})` : 'n/a',
			met: measured ? cpu <= 3 : undefined,
		});
		const [pluginFirst, kubectlFirst] = medians(run => run.firstPodMs);
		const first = ratio(pluginFirst, kubectlFirst);
		list.push({
			metric: 'first injector pod created after the start, vs kubectl (1,000 nodes)',
			target: '≤ 2×',
			measured: measured ? `${times(first)} (${ms(pluginFirst.median)} vs ${ms(kubectlFirst.median)})` : 'n/a',
			met: measured ? first <= 2 : undefined,
		});
	}

	const nodeByNode = results.nodeByNode;
	list.push({
		metric: `node-by-node: pod Ready → next node released (${nodeByNode?.nodes ?? 100} nodes)`,
		target: '< 50 ms per node',
		measured: nodeByNode ? `${ms(nodeByNode.releaseAfterReady.median)} median, ${ms(nodeByNode.podAfterReady.median)} to the next pod` : 'n/a',
		met: nodeByNode ? nodeByNode.releaseAfterReady.median < 50 : undefined,
	});

	const largest = (rows: Array<{nodes: number}>) => rows.reduce<number | undefined>((max, row) => (max === undefined || row.nodes > max ? row.nodes : max), undefined);
	const statusNodes = largest(results.statusUsage);
	const statusRows = results.statusUsage.find(entry => entry.nodes === statusNodes)?.rows ?? [];
	for (const row of statusRows.filter(candidate => candidate.build !== undefined)) {
		list.push({
			metric: `peak RSS, \`status\` (${row.build}, ${statusNodes?.toLocaleString('en')} nodes)`,
			target: '< 150 MB at 5,000 nodes',
			measured: mb(row.maxRssMb.median),
			met: statusNodes === 5000 ? row.maxRssMb.median < 150 : row.maxRssMb.median < 150 ? undefined : false,
		});
	}

	const rolloutNodes = largest(results.rollouts);
	for (const build of ['release', 'dev'] as const) {
		const runs = results.rollouts.find(entry => entry.nodes === rolloutNodes)?.runs.filter(run => run.tool === 'plugin' && run.build === build) ?? [];
		if (runs.length > 0) {
			const peak = Math.max(...runs.map(run => run.maxRssKb / 1024));
			list.push({
				metric: `peak RSS, \`apply --rollout all\` (${build}, ${rolloutNodes?.toLocaleString('en')} nodes)`,
				target: '< 150 MB at 5,000 nodes',
				measured: mb(peak),
				met: rolloutNodes === 5000 ? peak < 150 : peak < 150 ? undefined : false,
			});
		}
	}

	if (results.frames) {
		for (const [mode, frames] of Object.entries(results.frames) as [string, FrameResults][]) {
			const cursor = frames.scenarios.find(scenario => scenario.name.startsWith('home'));
			const value = summarize(cursor?.samples ?? []).median;
			list.push({metric: `UI frame after a cursor move, ${frames.nodes.toLocaleString('en')} nodes (React ${mode}${mode === 'development' ? ', NODE_ENV unset' : ''})`, target: '< 16 ms', measured: ms(value), met: value < 16});
		}
	} else {
		list.push({metric: 'UI frame after a cursor move, 5,000 nodes', target: '< 16 ms', measured: 'n/a', met: undefined});
	}

	return list;
}

function requestTable(columns: ReadonlyArray<{readonly title: string; readonly counts: RequestCounts; readonly nodes: number}>): string[] {
	const kinds = [...new Set(columns.flatMap(column => column.counts.byKind.map(([kind]) => kind)))].sort();
	const count = (counts: RequestCounts, kind: string) => String(counts.byKind.find(([name]) => name === kind)?.[1] ?? '·');
	const rows = kinds.map(kind => [`\`${kind}\``, ...columns.map(column => count(column.counts, kind))]);
	const perNode = (column: {counts: RequestCounts; nodes: number}) => (column.counts.writes / column.nodes).toFixed(2);
	return table(['request', ...columns.map(column => column.title)], [
		...rows,
		['**total**', ...columns.map(column => `**${column.counts.total}**`)],
		['writes (not counting permission reviews)', ...columns.map(column => String(column.counts.writes))],
		['writes per node', ...columns.map(column => perNode(column))],
		['node writes (labels)', ...columns.map(column => String(column.counts.nodeWrites))],
		['list / get / watch', ...columns.map(column => `${column.counts.lists} / ${column.counts.gets} / ${column.counts.watches}`)],
		['permission reviews', ...columns.map(column => String(column.counts.reviews))],
		['answered ≥ 400 (404s of absent objects included)', ...columns.map(column => String(column.counts.errors))],
	]);
}

function terminated(run: RolloutRun): string {
	const entries = Object.entries(run.terminatedWatchers);
	return entries.length === 0 ? '0' : entries.map(([resource, count]) => `${resource} ${count}`).join(', ');
}

export function renderReport(results: BenchResults): string {
	const lines: string[] = [];
	const push = (...more: string[]) => lines.push(...more);
	push(
		'# Benchmark: kubectl proxyinject next to kubectl',
		'',
		'Generated by `npm run bench` (test/bench/bench.ts); do not edit by hand. See test/bench/README.md for the method.',
		'',
		`- Run: ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${modeText[results.mode]}, ${(results.durationS / 60).toFixed(1)} minutes.`,
		`- Machine: ${results.machine.cpus} CPUs, ${results.machine.memoryGb.toFixed(0)} GB, shared (load average ${results.machine.loadBefore.map(value => value.toFixed(1)).join(' ')} at the start, ${results.machine.loadAfter.map(value => value.toFixed(1)).join(' ')} at the end). Node ${results.machine.node}, Kubernetes and kubectl ${results.machine.kubeVersion}.`,
		`- Builds: dev = ${results.builds.dev ?? 'n/a'}; release = ${results.builds.release ?? `not measured (${results.builds.releaseSkipped ?? 'unknown'})`}.`,
		`- Clusters: ${results.clusters.map(cluster => `${cluster.nodes.toLocaleString('en')} kwok nodes + ${cluster.workloadPods.toLocaleString('en')} workload pods (up in ${cluster.startS.toFixed(0)} s)`).join('; ') || 'none'}. Simulated pods start at once, so rollout times are the tools' and the control plane's, not a kubelet's.`,
		'- Every figure is the median of the runs with (min–max); ratios divide medians taken in the same run.',
		'',
	);
	if (results.failures.length > 0) {
		push('**Sections that failed in this run:**', '', ...results.failures.map(failure => `- ${failure}`), '');
	}

	push('## Targets', '', ...table(['metric', 'target', 'measured', ''], verdicts(results).map(verdict => [verdict.metric, verdict.target, verdict.measured, mark(verdict.met)])), '');

	if (results.startup) {
		const startup = results.startup;
		push(
			`## 1. Startup (${startup.nodes} nodes)`,
			'',
			`hyperfine, ${startup.samplesPerCommand} runs per command in interleaved rounds, every plugin run through kubectl's plugin discovery.`,
			'',
		);
		const rows = [...startup.commands].map(([name, summary]) => {
			const pair = startup.pairs.find(candidate => candidate.plugin === name);
			return [`\`${name}\``, spread(summary), pair ? times(ratio(summary, startup.commands.get(pair.baseline))) : 'baseline'];
		});
		push(...table(['command', 'wall time', 'vs kubectl'], rows), '');
	}

	for (const {nodes, runs} of results.rollouts) {
		const {plugin, kubectl, pluginWall, kubectlWall} = rolloutSummaries(runs);
		const row = (title: string, selected: readonly RolloutRun[]) => [
			title,
			String(selected.length),
			spread(summarize(selected.map(run => run.wallMs))),
			spread(summarize(selected.map(run => run.firstPodMs))),
			spread(summarize(selected.map(run => run.lastReadyMs))),
			spread(summarize(selected.map(run => run.wallMs - run.lastReadyMs))),
			spread(summarize(selected.map(run => run.cpuS)), seconds),
			spread(summarize(selected.map(run => run.maxRssKb / 1024)), mb),
		];
		const usage = runs.filter(run => run.purpose === 'usage');
		const compared = plugin[0]?.build ?? 'release';
		push(
			`## 2. Rollout of every node at once (${nodes.toLocaleString('en')} nodes)`,
			'',
			'`kubectl proxyinject apply --https-proxy … --yes --rollout all` against `kubectl apply -f` of the same objects (from `--dry-run -o yaml`; the DaemonSet switched to RollingUpdate because `kubectl rollout status` refuses OnDelete) followed by `kubectl rollout status`. Runs alternate, each from nothing installed. "first pod" and "last pod Ready" come from a watch of the bench\'s own, from the start of the command.',
			'',
			...table(['tool', 'runs', 'wall time', 'first pod', 'last pod Ready', 'exit after last Ready', 'CPU (user+sys)', 'peak RSS'], [
				row(`plugin (${compared})`, plugin),
				row('kubectl apply + rollout status', kubectl),
				...[...new Set(usage.map(run => run.build))].map(build => row(`plugin (${build}), for its CPU and memory`, usage.filter(run => run.build === build))),
			]),
			'',
			`Ratio of medians: **${times(ratio(pluginWall, kubectlWall))}**.`,
			'',
			'<details><summary>Every run</summary>',
			'',
			...table(['#', 'tool', 'wall', 'last pod Ready', 'requests', 'watchers the API server closed (all clients)'], runs.map((run, index) => [
				String(index + 1),
				run.tool === 'plugin' ? `plugin (${run.build})` : 'kubectl',
				ms(run.wallMs),
				ms(run.lastReadyMs),
				String(run.requests.total),
				terminated(run),
			])),
			'',
			'</details>',
			'',
		);
	}

	const nodeByNode = results.nodeByNode;
	if (nodeByNode) {
		push(
			`## 2b. Node by node, one at a time (${nodeByNode.nodes} nodes, ${nodeByNode.build} build)`,
			'',
			'`apply --yes --rollout node-by-node --parallel 1`; times between events seen by the bench\'s own watches of the pods and of the nodes\' hold label.',
			'',
			...table(['interval', 'median (min–max)'], [
				['pod Ready on node i → hold label lifted on node i+1 (the plugin\'s reaction)', spread(nodeByNode.releaseAfterReady)],
				['pod Ready on node i → pod created on node i+1', spread(nodeByNode.podAfterReady)],
				['hold lifted → pod Ready on the same node (DaemonSet controller + simulated kubelet)', spread(nodeByNode.readyAfterRelease)],
			]),
			'',
			`Whole rollout: ${ms(nodeByNode.wallMs)} (${ms(nodeByNode.wallMs / Math.max(1, nodeByNode.nodes))} per node), CPU ${seconds(nodeByNode.cpuS)}, peak RSS ${mb(nodeByNode.maxRssKb / 1024)}. \`remove --rollout all --yes\` afterwards: ${ms(nodeByNode.remove.wallMs)}.`,
			'',
		);
	}

	const columns: Array<{title: string; counts: RequestCounts; nodes: number}> = [];
	for (const {nodes, requests} of results.statusRequests) {
		columns.push({title: `status, ${nodes.toLocaleString('en')} nodes`, counts: requests, nodes});
	}

	for (const {nodes, runs} of results.rollouts) {
		const plugin = runs.find(run => run.tool === 'plugin');
		const kubectl = runs.find(run => run.tool === 'kubectl');
		if (plugin) {
			columns.push({title: `apply all, ${nodes.toLocaleString('en')} nodes`, counts: plugin.requests, nodes});
		}

		if (kubectl) {
			columns.push({title: `kubectl apply + rollout status, ${nodes.toLocaleString('en')}`, counts: kubectl.requests, nodes});
		}
	}

	if (nodeByNode) {
		columns.push({title: `node-by-node, ${nodeByNode.nodes} nodes`, counts: nodeByNode.requests, nodes: nodeByNode.nodes}, {title: `remove, ${nodeByNode.nodes} nodes`, counts: nodeByNode.remove.requests, nodes: nodeByNode.nodes});
	}

	if (columns.length > 0) {
		push(
			'## 3. API requests',
			'',
			'From the API server\'s audit log: the bench runs both tools as a ServiceAccount of its own and audits only that user; the user agent tells the plugin (`kubectl-proxyinject/…`) from kubectl. One run each. Watches count when they start.',
			'',
			...requestTable(columns),
			'',
		);
	}

	if (results.statusUsage.length > 0 || results.frames) {
		push('## 4. Scale', '');
		for (const {nodes, rows} of results.statusUsage) {
			push(
				`### ${nodes.toLocaleString('en')} nodes: \`/usr/bin/time -v\``,
				'',
				...table(['command', 'runs', 'wall time', 'CPU (user+sys)', 'peak RSS', 'output complete'], rows.map(row => [
					`\`${row.command}\`${row.build ? ` (${row.build})` : ''}`,
					String(row.runs),
					spread(row.wallMs),
					spread(row.cpuS, seconds),
					spread(row.maxRssMb, mb),
					row.incompleteOutputs === 0 ? 'yes' : `**${row.incompleteOutputs} of ${row.runs} cut short or wrong**`,
				])),
				'',
			);
		}

		for (const {nodes, runs} of results.rollouts) {
			const plugin = runs.filter(run => run.tool === 'plugin');
			if (plugin.length > 0) {
				push(`\`apply --rollout all\` at ${nodes.toLocaleString('en')} nodes: ${plugin.map(run => `${run.build}: ${mb(run.maxRssKb / 1024)}, CPU ${seconds(run.cpuS)}`).join('; ')} (per run, see section 2).`, '');
			}
		}

		if (results.frames) {
			const {development, production} = results.frames;
			push(
				`### Interactive view, ${production.nodes.toLocaleString('en')} nodes`,
				'',
				`The built UI through \`runInteractive\` on a fake ${production.columns}×${production.rows} terminal; time from a key to the last write of the frame it causes, keys 40 ms apart so that Ink's 30 fps throttle never delays a frame. Both builds run React's production build (the release bundle compiles it in; the dev build sets NODE_ENV=production before it loads the UI); "React development" is what runs when nothing sets NODE_ENV.`,
				'',
				...table(['scenario', 'React production', 'React development', 'bytes per frame'], production.scenarios.map(scenario => {
					const other = development.scenarios.find(candidate => candidate.name === scenario.name);
					return [scenario.name, spread(summarize(scenario.samples)), spread(summarize(other?.samples ?? [])), String(scenario.bytesPerFrame)];
				})),
				'',
				`First frame with the table: ${ms(production.firstFrameMs)} (production), ${ms(development.firstFrameMs)} (development); ${production.scenarios[0]?.samples.length ?? 0} frames per scenario.`,
				'',
			);
		}
	}

	if (results.profiles.length > 0) {
		push('## Where the plugin\'s CPU time goes (dev build, `node --cpu-prof`)', '');
		for (const profile of results.profiles) {
			push(
				`### ${profile.label}: ${ms(profile.summary.busyMs)} busy of ${ms(profile.summary.wallMs)}`,
				'',
				...table(['self time', 'package / file', 'self time', 'function'], profile.summary.byPlace.map(([place, value], index) => {
					const [name, time] = profile.summary.byFunction[index] ?? ['', Number.NaN];
					return [ms(value), `\`${place}\``, Number.isFinite(time) ? ms(time) : '', name ? `\`${name}\`` : ''];
				})),
				'',
			);
		}
	}

	if (results.notes.length > 0) {
		push('## Notes', '', ...results.notes.map(note => `- ${note}`), '');
	}

	return `${lines.join('\n')}\n`;
}
