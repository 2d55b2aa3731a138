// Section 2b: what a node-by-node rollout (`--parallel 1`) adds per node.
// The bench's own watches record when each node's pod became Ready, when the
// plugin lifted the next node's hold label (its reaction) and when the
// DaemonSet controller created that node's pod. Then `remove` undoes it.

import type {TestCluster} from '../cluster/cluster.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {labelKeys} from '../../source/manifests/names.ts';
import {agentOf, type auditReader, countRequests, type RequestCounts, requestsOf} from './audit-log.ts';
import {cleanSlate, namespace, selectors} from './clean-slate.ts';
import {recordNodeReleases, recordPods} from './event-recorder.ts';
import {type PluginBuild, toolEnv} from './plugin-builds.ts';
import {benchProxy} from './rollout-all.ts';
import {gaps, type Summary, summarize} from './stats.ts';
import {type TimedRun, timedRun} from './timed-run.ts';

export type NodeByNodeResults = {
	readonly nodes: number;
	readonly build: PluginBuild['name'];
	readonly wallMs: number;
	readonly cpuS: number;
	readonly maxRssKb: number;
	/** Node i's pod Ready -> node i+1's hold label gone: the plugin's reaction (ms). */
	readonly releaseAfterReady: Summary;
	/** Node i's pod Ready -> node i+1's pod created: what the user waits between nodes before the next pod starts. */
	readonly podAfterReady: Summary;
	/** Node released -> its pod Ready: the DaemonSet controller and the (simulated, instant) kubelet. */
	readonly readyAfterRelease: Summary;
	readonly requests: RequestCounts;
	readonly remove: {readonly wallMs: number; readonly requests: RequestCounts};
};

export type NodeByNodeContext = {
	readonly cluster: TestCluster;
	readonly kubeconfig: string;
	readonly audit: ReturnType<typeof auditReader>;
	readonly expectedPods: number;
	readonly log: (line: string) => void;
};

function checked(run: TimedRun, what: string): TimedRun {
	if (run.code !== 0) {
		throw new Error(`${what} exited with ${run.code}: ${(run.stderr || run.stdout).trim().slice(-1500)}`);
	}

	return run;
}

export async function measureNodeByNode(context: NodeByNodeContext, build: PluginBuild): Promise<NodeByNodeResults> {
	const {cluster} = context;
	const env = toolEnv(build, cluster.binDir, context.kubeconfig);
	await cleanSlate(cluster);
	const pods = await recordPods(cluster.kubeconfig, namespace, selectors.injector);
	const releases = await recordNodeReleases(cluster.kubeconfig, labelKeys.hold);
	try {
		let offset = await context.audit.mark();
		const run = checked(await timedRun(['kubectl', 'proxyinject', 'apply', '--https-proxy', benchProxy, '--yes', '--rollout', 'node-by-node', '--parallel', '1'], env), 'node-by-node apply');
		await waitFor(async () => (pods.readyCount() >= context.expectedPods ? true : undefined), {what: 'every injector pod Ready', timeoutMs: 60_000, pollMs: 100});
		pods.check();
		releases.check();
		const requests = countRequests(requestsOf(await context.audit.since(offset)).filter(request => agentOf(request.userAgent) === 'plugin'));

		const released = [...releases.released()].sort((a, b) => a[1] - b[1]);
		const podOf = new Map(pods.pods().map(pod => [pod.node, pod]));
		const readyOfPrevious = released.map((_, index) => (index === 0 ? undefined : podOf.get(released[index - 1]![0])?.readyAt));
		const releaseTimes = released.map(([, at]) => at);
		const podTimes = released.map(([node]) => podOf.get(node)?.createdAt);

		offset = await context.audit.mark();
		const removal = checked(await timedRun(['kubectl', 'proxyinject', 'remove', '--yes', '--rollout', 'all'], env), 'remove');
		const removeRequests = countRequests(requestsOf(await context.audit.since(offset)).filter(request => agentOf(request.userAgent) === 'plugin'));
		context.log(`  node-by-node: ${(run.wallMs / 1000).toFixed(1)} s for ${released.length} nodes; remove ${(removal.wallMs / 1000).toFixed(1)} s`);
		return {
			nodes: released.length,
			build: build.name,
			wallMs: run.wallMs,
			cpuS: run.userS + run.systemS,
			maxRssKb: run.maxRssKb,
			releaseAfterReady: summarize(gaps(readyOfPrevious, releaseTimes)),
			podAfterReady: summarize(gaps(readyOfPrevious, podTimes)),
			readyAfterRelease: summarize(gaps(releaseTimes, released.map(([node]) => podOf.get(node)?.readyAt))),
			requests,
			remove: {wallMs: removal.wallMs, requests: removeRequests},
		};
	} finally {
		pods.stop();
		releases.stop();
		await cleanSlate(cluster);
	}
}
