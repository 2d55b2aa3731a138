import {expect, test} from 'vitest';
import type {RequestCounts} from './audit-log.ts';
import {ms, renderReport, spread, times} from './report.ts';
import type {BenchResults} from './results.ts';
import type {RolloutRun} from './rollout-all.ts';
import {baselineNames, pluginCommandName} from './startup.ts';
import {summarize} from './stats.ts';

const noRequests: RequestCounts = {total: 0, byKind: [], writes: 0, nodeWrites: 0, watches: 0, lists: 0, gets: 0, reviews: 0, errors: 0};

function rollout(tool: RolloutRun['tool'], wallMs: number, purpose: RolloutRun['purpose'] = 'compare'): RolloutRun {
	return {tool, ...(tool === 'plugin' && {build: 'release' as const}), purpose, wallMs, cpuS: 1, maxRssKb: 100 * 1024, firstPodMs: 100, lastReadyMs: wallMs - 50, podsReady: 1000, terminatedWatchers: {}, requests: noRequests};
}

function results(): BenchResults {
	return {
		mode: 'quick',
		startedAt: new Date('2026-11-26T12:00:00Z'),
		durationS: 420,
		machine: {cpus: 2, memoryGb: 24, node: 'v26.10.0', kubeVersion: 'v1.35.4', loadBefore: [1, 1, 1], loadAfter: [2, 2, 2]},
		builds: {dev: 'dev build', release: 'release build'},
		clusters: [],
		startup: {
			nodes: 100,
			samplesPerCommand: 3,
			commands: new Map([
				[baselineNames.help, summarize([40, 42, 44])],
				[pluginCommandName('help', 'release'), summarize([45, 46, 47])],
				[baselineNames.status, summarize([100, 100, 100])],
				[pluginCommandName('status', 'release'), summarize([300, 310, 320])],
			]),
			pairs: [
				{plugin: pluginCommandName('help', 'release'), baseline: baselineNames.help},
				{plugin: pluginCommandName('status', 'release'), baseline: baselineNames.status},
			],
		},
		rollouts: [{nodes: 1000, runs: [rollout('plugin', 10_400), rollout('kubectl', 10_000), rollout('plugin', 30_000, 'usage')]}],
		statusUsage: [],
		statusRequests: [],
		profiles: [],
		failures: ['5,000-node cluster: out of memory'],
		notes: [],
	};
}

test('units and spreads read naturally', () => {
	expect(ms(4.25)).toBe('4.3 ms');
	expect(ms(432.4)).toBe('432 ms');
	expect(ms(1234)).toBe('1.23 s');
	expect(ms(12_345)).toBe('12.3 s');
	expect(times(1.234)).toBe('1.23×');
	expect(spread(summarize([1, 2, 30]))).toBe('2.0 ms (1.0 ms–30 ms)');
});

test('the targets table says which are met and which missed, from the medians', () => {
	const report = renderReport(results());
	expect(report).toMatch(/`--help` vs `kubectl version --client`, release \| ≤ 1\.5× \| 1\.10× .*\| met \|/);
	expect(report).toMatch(/`status -o json` vs .* release \| ≤ 1\.5× \| 3\.10× .*\| \*\*missed\*\* \|/);
	expect(report).toMatch(/CPU .*1,000 nodes\) \| ≤ 3× \| 1\.00× .*\| met \|/);
	expect(report).toMatch(/first injector pod .*1,000 nodes\) \| ≤ 2× \| 1\.00× .*\| met \|/);
	expect(report).toMatch(/1,000 nodes\) \| ≤ 1\.05× \| 1\.04× .*\| met \|/);
	expect(report).toMatch(/node-by-node.*\| not measured \|/);
});

test('a run kept for its memory stays out of the comparison, and failures are listed', () => {
	const report = renderReport(results());
	expect(report).toContain('Ratio of medians: **1.04×**');
	expect(report).toContain('plugin (release), for its CPU and memory');
	expect(report).toContain('- 5,000-node cluster: out of memory');
});
