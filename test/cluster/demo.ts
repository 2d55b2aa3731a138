// npm run demo [-- [--real] plugin arguments]: starts a small cluster (3
// containerd, 2 docker, 1 windows node, and a fourth containerd node whose
// injector fails; with --real also one real containerd node VM behind the
// test proxy), runs the plugin against it in this terminal, and leaves the
// cluster up.

import {spawn} from 'node:child_process';
import {access} from 'node:fs/promises';
import {delimiter} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureBinaries} from './binaries.ts';
import {startCluster} from './cluster.ts';
import {ensureNodeImage, nodeImages} from '../nodes/node-image.ts';

const withReal = process.argv[2] === '--real';
const name = withReal ? 'proxyinject-demo-real' : 'proxyinject-demo';
const plugin = fileURLToPath(new URL('../../bin/kubectl-proxyinject', import.meta.url));

const found = await ensureBinaries(text => process.stderr.write(text));
if (!found.found) {
	process.stderr.write(`${found.reason}\n`);
	process.exit(1);
}

const image = withReal ? await ensureNodeImage(text => process.stderr.write(text)) : undefined;
if (image && !image.found) {
	process.stderr.write(`${image.reason}\n`);
	process.exit(1);
}

const cluster = await startCluster(
	{name, containerd: 4, docker: 2, windows: 1, fail: ['containerd-4'], ...(withReal && {real: {containerd: 1}})},
	{binaries: found.binaries, ...(image?.found && {nodeImage: image.image}), persistent: true, log: line => process.stderr.write(`${line}\n`)},
);
process.stderr.write(`cluster ${name}: ${cluster.nodes.length} nodes (containerd-4 fails), ready in ${(cluster.timings.totalMs / 1000).toFixed(1)} s\n\n`);

let code = 0;
if (await access(plugin).then(() => true, () => false)) {
	// The terminal's Ctrl-C goes to the plugin (same process group); the demo
	// outlives it to say how to stop the cluster.
	const ignore = () => {};
	process.on('SIGINT', ignore);
	// A newcomer runs `npm run demo` with no flags: give apply a proxy to show (nothing is contacted at that address).
	// With a real node, the proxy is the test proxy the node really reaches, and the images are the ones it has.
	const given = process.argv.slice(withReal ? 3 : 2);
	const proxy = cluster.real
		? ['--https-proxy', cluster.real.proxyUrl, '--image', nodeImages.script, '--pause-image', nodeImages.pause]
		: ['--https-proxy', 'http://proxy.example.com:3128', '--no-proxy', '.example.com'];
	const args = ['--kubeconfig', cluster.kubeconfig, ...(given.length > 0 ? given : proxy)];
	const child = spawn(plugin, args, {
		stdio: 'inherit',
		env: {...process.env, PATH: [found.binaries.dir, process.env['PATH'] ?? ''].join(delimiter)},
	});
	code = await new Promise<number>(resolve => {
		child.on('error', error => {
			process.stderr.write(`could not run ${plugin}: ${error.message}\n`);
			resolve(1);
		});
		child.on('close', (exitCode, signal) => {
			resolve(exitCode ?? (signal ? 130 : 1));
		});
	});
	process.off('SIGINT', ignore);
} else {
	process.stderr.write(`${plugin} is missing; build the plugin first (npm run build)\n`);
}

process.stderr.write(`
The cluster is still running. Try:
  export KUBECONFIG=${cluster.kubeconfig}
  bin/kubectl-proxyinject --kubeconfig ${cluster.kubeconfig}
  ${found.binaries.kubectl} --kubeconfig ${cluster.kubeconfig} get nodes
Stop it with:
  npm run --silent cluster -- down --name ${name}
`);
process.exit(code);
