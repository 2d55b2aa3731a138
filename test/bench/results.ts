// Everything one bench run measured, as data: bench.ts fills it in,
// report.ts turns it into markdown.

import type {RequestCounts} from './audit-log.ts';
import type {NodeByNodeResults} from './node-by-node.ts';
import type {ProfiledRun} from './profile-run.ts';
import type {RolloutRun} from './rollout-all.ts';
import type {StartupResults} from './startup.ts';
import type {UsageRow} from './status-usage.ts';
import type {FrameResults} from './ui-frames.ts';

export type Mode = 'quick' | 'standard' | 'full';

export type ClusterNote = {readonly name: string; readonly nodes: number; readonly workloadPods: number; readonly startS: number};

export type BenchResults = {
	readonly mode: Mode;
	readonly startedAt: Date;
	durationS: number;
	readonly machine: {readonly cpus: number; readonly memoryGb: number; readonly node: string; readonly kubeVersion: string; loadBefore: readonly number[]; loadAfter: readonly number[]};
	readonly builds: {dev?: string; release?: string; releaseSkipped?: string};
	readonly clusters: ClusterNote[];
	startup?: StartupResults;
	nodeByNode?: NodeByNodeResults;
	readonly rollouts: Array<{readonly nodes: number; readonly runs: readonly RolloutRun[]}>;
	readonly statusUsage: Array<{readonly nodes: number; readonly rows: readonly UsageRow[]}>;
	/** The status request pattern (one run), by build. */
	readonly statusRequests: Array<{readonly nodes: number; readonly requests: RequestCounts}>;
	frames?: {readonly development: FrameResults; readonly production: FrameResults};
	readonly profiles: ProfiledRun[];
	/** Sections that failed, with why: the rest of the run still counts. */
	readonly failures: string[];
	readonly notes: string[];
};
