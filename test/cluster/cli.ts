// npm run --silent cluster -- <command>: a real test cluster by hand.
//
//   up [--name N] [--containerd N] [--docker N] [--crio N] [--windows N] [--arm64 N] [--fail NODE,...] [--pods N]
//      [--real containerd=N,docker=M]
//       starts (or reuses) a cluster; the admin kubeconfig path is the last line
//   kubeconfig [--name N] [--user admin|restricted]
//   node-exec [--name N] NODE -- COMMAND...   runs a command as root on a real node
//   info [--name N]   the test proxy's log, the proxy addresses and test images
//   down [--name N]
//   bin   builds the binaries if needed and prints their folder

import {parseArgs} from 'node:util';
import {type Binaries, ensureBinaries} from './binaries.ts';
import {attachCluster, type ClusterSpec, deleteCluster, startCluster, type TestCluster} from './cluster.ts';
import {authProxyUrl} from '../nodes/host-services.ts';
import {ensureNodeImage, type NodeImage, nodeImages, proxiedTestImage} from '../nodes/node-image.ts';
import type {RealNodes, RealNodeShape} from '../nodes/real-nodes.ts';

const defaultName = 'proxyinject-dev';

const usage = `usage: npm run --silent cluster -- <command> [options]

  up          start a cluster, or reuse the running one of that name and shape
                --name NAME (default ${defaultName})
                --containerd N --docker N --crio N --windows N --arm64 N
                --fail NODE,...   nodes whose injector pods crash-loop
                --pods N          workload pods per node (default 2)
                --real containerd=N,docker=M
                                  real node VMs (QEMU) beside the kwok nodes;
                                  the first time builds their image (~25 minutes)
              prints the admin kubeconfig path as its last line
  kubeconfig  print a kubeconfig path: --name NAME --user admin|restricted
  node-exec   run a command as root on a real node: --name NAME NODE -- COMMAND...
  info        the test proxy's log, proxy addresses and test images: --name NAME
  down        stop the cluster and delete its files: --name NAME
  bin         build the binaries if needed and print their folder`;

function fail(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(1);
}

function count(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0) {
		fail(`--${flag}: expected a whole number, got "${value}"`);
	}

	return parsed;
}

async function binaries(): Promise<Binaries> {
	const found = await ensureBinaries(text => process.stderr.write(text));
	if (!found.found) {
		fail(found.reason);
	}

	return found.binaries;
}

async function up(values: Record<string, string | undefined>): Promise<void> {
	const shape = {
		containerd: count('containerd', values['containerd']),
		docker: count('docker', values['docker']),
		crio: count('crio', values['crio']),
		windows: count('windows', values['windows']),
		arm64: count('arm64', values['arm64']),
	};
	const given = Object.values(shape).some(value => value !== undefined);
	const real = values['real'] === undefined ? undefined : realShape(values['real']);
	const spec: ClusterSpec = {
		name: values['name'] ?? defaultName,
		...(given ? shape : {containerd: 3, docker: 1, crio: 1, windows: 1}),
		fail: values['fail']?.split(',').map(name => name.trim()).filter(Boolean) ?? [],
		workloadPodsPerNode: count('pods', values['pods']),
		...(real && {real}),
	};
	const found = await binaries();
	const nodeImage = real ? await ensuredNodeImage() : undefined;

	// Interrupted half-way: take down what was started before exiting.
	const interrupted = () => {
		process.stderr.write('\ninterrupted: deleting the cluster\n');
		void deleteCluster(spec.name, found).finally(() => process.exit(130));
	};

	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	const cluster = await startCluster(spec, {binaries: found, ...(nodeImage && {nodeImage}), persistent: true, log: line => process.stderr.write(`${line}\n`)});
	process.off('SIGINT', interrupted);
	process.off('SIGTERM', interrupted);
	const {timings} = cluster;
	process.stderr.write(timings.reused
		? `cluster ${spec.name} was already running (${cluster.nodes.length} nodes)\n`
		: `cluster ${spec.name} up in ${(timings.totalMs / 1000).toFixed(1)} s: control plane ${(timings.controlPlaneMs / 1000).toFixed(1)} s, ${cluster.nodes.length} nodes Ready ${(timings.nodesMs / 1000).toFixed(1)} s, ${cluster.workloadPods.length} workload pods ${(timings.workloadsMs / 1000).toFixed(1)} s${cluster.real ? `, ${cluster.real.nodes.length} real nodes Ready ${(timings.realNodesMs / 1000).toFixed(1)} s` : ''}\n`);
	process.stderr.write(`stop it with: npm run --silent cluster -- down --name ${spec.name}\n`);
	process.stdout.write(`${cluster.kubeconfig}\n`);
}

function realShape(value: string): RealNodeShape {
	const shape: Record<string, number> = {};
	for (const part of value.split(',')) {
		const [runtime, number] = part.split('=');
		if ((runtime !== 'containerd' && runtime !== 'docker') || number === undefined) {
			fail(`--real: expected containerd=N,docker=M, got "${value}"`);
		}

		shape[runtime] = count('real', number)!;
	}

	return shape;
}

async function ensuredNodeImage(): Promise<NodeImage> {
	const found = await ensureNodeImage(text => process.stderr.write(text));
	if (!found.found) {
		fail(found.reason);
	}

	return found.image;
}

async function running(values: Record<string, string | undefined>): Promise<TestCluster> {
	const name = values['name'] ?? defaultName;
	const cluster = await attachCluster(name, await binaries());
	if (!cluster) {
		fail(`no running cluster named ${name}; start one with: npm run --silent cluster -- up --name ${name}`);
	}

	return cluster;
}

function realNodesOf(cluster: TestCluster): RealNodes {
	if (!cluster.real) {
		fail(`cluster ${cluster.name} has no real nodes; start it with --real containerd=N,docker=M`);
	}

	return cluster.real;
}

async function nodeExec(values: Record<string, string | undefined>, args: readonly string[]): Promise<void> {
	const [node, ...command] = args;
	if (node === undefined || command.length === 0) {
		fail('usage: npm run --silent cluster -- node-exec [--name N] NODE -- COMMAND...');
	}

	const result = await realNodesOf(await running(values)).node(node).exec(command);
	process.stdout.write(result.stdout);
	process.stderr.write(result.stderr);
	process.exitCode = result.code;
}

async function info(values: Record<string, string | undefined>): Promise<void> {
	const cluster = await running(values);
	const real = realNodesOf(cluster);
	process.stdout.write([
		`kubeconfig: ${cluster.kubeconfig}`,
		`real nodes: ${real.nodes.map(node => `${node.name} (${node.runtime})`).join(', ')}`,
		`proxy log (JSON lines): ${real.services.proxyLog}`,
		`proxy, as the nodes reach it: ${real.proxyUrl}`,
		`proxy with credentials: ${authProxyUrl(real.authProxyHostPort)}`,
		`image only the proxy reaches: ${proxiedTestImage}`,
		`script and pause images on the nodes: --image ${nodeImages.script} --pause-image ${nodeImages.pause}`,
		'',
	].join('\n'));
}

async function kubeconfig(values: Record<string, string | undefined>): Promise<void> {
	const user = values['user'] ?? 'admin';
	if (user !== 'admin' && user !== 'restricted') {
		fail(`--user: expected admin or restricted, got "${user}"`);
	}

	const cluster = await running(values);
	process.stdout.write(`${user === 'admin' ? cluster.kubeconfig : await cluster.restrictedKubeconfig()}\n`);
}

async function main(): Promise<void> {
	const {positionals, values} = parseArgs({
		allowPositionals: true,
		options: {
			name: {type: 'string'},
			containerd: {type: 'string'},
			docker: {type: 'string'},
			crio: {type: 'string'},
			windows: {type: 'string'},
			arm64: {type: 'string'},
			fail: {type: 'string'},
			pods: {type: 'string'},
			user: {type: 'string'},
			real: {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	const strings = values as Record<string, string | undefined>;
	const [command, ...extra] = positionals;
	if (values.help || command === undefined) {
		process.stdout.write(`${usage}\n`);
		return;
	}

	if (command === 'node-exec') {
		await nodeExec(strings, extra);
		return;
	}

	if (extra.length > 0) {
		fail(`unexpected arguments: ${extra.join(' ')}\n\n${usage}`);
	}

	switch (command) {
		case 'up': {
			await up(strings);
			break;
		}

		case 'kubeconfig': {
			await kubeconfig(strings);
			break;
		}

		case 'info': {
			await info(strings);
			break;
		}

		case 'down': {
			await deleteCluster(strings['name'] ?? defaultName, await binaries());
			break;
		}

		case 'bin': {
			process.stdout.write(`${(await binaries()).dir}\n`);
			break;
		}

		default: {
			fail(`unknown command "${command}"\n\n${usage}`);
		}
	}
}

try {
	await main();
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
