// Vitest helpers: one real test cluster per describe block.

import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {type Binaries, ensureBinaries} from './binaries.ts';
import {type ClusterSpec, startCluster, type TestCluster} from './cluster.ts';
import {waitFor} from './wait-for.ts';
import {ensureNodeImage, type NodeImage} from '../nodes/node-image.ts';
import {clusterReport, nodeReport} from '../nodes/node-report.ts';

/** PROXYINJECT_KEEP_CLUSTER=1 leaves the clusters running after the tests, to look around. */
const keep = process.env['PROXYINJECT_KEEP_CLUSTER'] === '1';

/** Building the binaries from scratch takes 15-30 minutes on two cores. */
const startTimeoutMs = 45 * 60_000;

let lookup: Promise<{binaries: Binaries} | {skip: string}> | undefined;

/**
 * The binaries, built first if Go is there. Without them the tests are
 * skipped with the reason, except on CI (CI=true), where that is a failure.
 */
function binariesForTests(): Promise<{binaries: Binaries} | {skip: string}> {
	lookup ??= ensureBinaries(text => process.stderr.write(text)).then(found => {
		if (found.found) {
			return {binaries: found.binaries};
		}

		if (process.env['CI'] === 'true') {
			throw new Error(`CI=true needs the test cluster: ${found.reason}`);
		}

		return {skip: found.reason};
	});
	return lookup;
}

let imageLookup: Promise<{image: NodeImage} | {skip: string}> | undefined;

/** The real node image, built first if it is not cached; like the binaries, missing only skips off CI. */
function nodeImageForTests(): Promise<{image: NodeImage} | {skip: string}> {
	imageLookup ??= ensureNodeImage(text => process.stderr.write(text)).then(found => {
		if (found.found) {
			return {image: found.image};
		}

		if (process.env['CI'] === 'true') {
			throw new Error(`CI=true needs the real node image: ${found.reason}`);
		}

		return {skip: found.reason};
	});
	return imageLookup;
}

/**
 * Starts a cluster before the tests of the enclosing describe block and
 * deletes it after them. The name gets this process's id, so runs side by
 * side never share a cluster. Returns a getter: the cluster exists only once
 * the tests run.
 */
export function useCluster(spec: ClusterSpec): () => TestCluster {
	let cluster: TestCluster | undefined;
	let skip: string | undefined;

	beforeAll(async () => {
		const found = await binariesForTests();
		if ('skip' in found) {
			skip = found.skip;
			return;
		}

		const nodeImage = spec.real ? await nodeImageForTests() : undefined;
		if (nodeImage && 'skip' in nodeImage) {
			skip = nodeImage.skip;
			return;
		}

		cluster = await startCluster({...spec, name: `${spec.name}-${process.pid}`}, {
			binaries: found.binaries,
			...(nodeImage && {nodeImage: nodeImage.image}),
			persistent: keep,
		});
	}, startTimeoutMs);

	beforeEach(context => {
		if (skip !== undefined) {
			context.skip(`no test cluster: ${skip}`);
		}

		const nodes = cluster?.real?.nodes ?? [];
		const failed = cluster;
		if (failed && nodes.length > 0) {
			context.onTestFailed(async () => {
				const [reports, clusterSide] = await Promise.all([Promise.all(nodes.map(nodeReport)), clusterReport(args => failed.kubectl(args))]);
				process.stderr.write(`\nthe real nodes after "${context.task.name}" failed:\n${reports.join('')}${clusterSide}`);
			});
		}
	});

	afterAll(async () => {
		if (keep && cluster) {
			process.stderr.write(`kept test cluster: KUBECONFIG=${cluster.kubeconfig}; delete it with: npm run --silent cluster -- down --name ${cluster.name}\n`);
			return;
		}

		await cluster?.stop();
	}, 60_000);

	return () => {
		if (!cluster) {
			throw new Error(`test cluster ${spec.name} is not running (did its beforeAll fail?)`);
		}

		return cluster;
	};
}

/** A new namespace whose default ServiceAccount exists (pods are refused before). */
export async function freshNamespace(cluster: TestCluster, prefix = 'test'): Promise<string> {
	const name = `${prefix}-${randomBytes(3).toString('hex')}`;
	const created = await cluster.kubectl(['create', 'namespace', name]);
	if (created.code !== 0) {
		throw new Error(`creating namespace ${name}: ${created.stderr.trim()}`);
	}

	await waitFor(async () => ((await cluster.kubectl(['get', 'serviceaccount', 'default', '-n', name])).code === 0 ? true : undefined), {
		what: `the default ServiceAccount of ${name}`,
		timeoutMs: 30_000,
	});
	return name;
}
