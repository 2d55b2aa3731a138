import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {type AddressInfo, createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse, stringify} from 'yaml';
import {useCluster} from '../cluster/fixture.ts';
import {runPlugin} from './plugin.ts';

type Kubeconfig = {
	clusters: {name: string; cluster: Record<string, string>}[];
	users: {name: string; user: Record<string, string>}[];
	contexts: {name: string; context: {cluster: string; user: string}}[];
	'current-context': string;
};

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
	return new Promise(resolve => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** A copy of the cluster's kubeconfig with one change, written to a temp file. */
async function variant(path: string, change: (config: Kubeconfig) => void): Promise<string> {
	const config = parse(await readFile(path, 'utf8')) as Kubeconfig;
	change(config);
	const file = join(await mkdtemp(join(tmpdir(), 'kubeconfig-')), 'config');
	await writeFile(file, stringify(config));
	return file;
}

describe('connection problems are named with the context and server, and what to try', () => {
	const cluster = useCluster({name: 'e2e-connection', containerd: 1});

	it('an unreachable server', async () => {
		const port = await closedPort();
		const kubeconfig = await variant(cluster().kubeconfig, config => {
			config.clusters[0]!.cluster['server'] = `https://127.0.0.1:${port}`;
		});
		const result = await runPlugin(kubeconfig, ['status']);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`(https://127.0.0.1:${port}): connection refused`);
		expect(result.stderr).toMatch(/cannot reach context "[^"]+"/);
		expect(result.stderr).toMatch(/kubectl --context \S+ cluster-info/);
	});

	it('a server certificate the kubeconfig does not trust', async () => {
		const kubeconfig = await variant(cluster().kubeconfig, config => {
			// The client certificate is no CA of the server's certificate.
			config.clusters[0]!.cluster['certificate-authority'] = config.users[0]!.user['client-certificate']!;
		});
		const result = await runPlugin(kubeconfig, ['status']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/TLS failure talking to context/);
	});

	it('credentials the server rejects', async () => {
		const restricted = await cluster().restrictedKubeconfig();
		const kubeconfig = await variant(restricted, config => {
			config.users[0]!.user['token'] = 'expired-or-revoked';
		});
		const result = await runPlugin(kubeconfig, ['status']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/credentials of context "[^"]+" \(https:\/\/127\.0\.0\.1:\d+\) were rejected \(401 Unauthorized\)/);
	});

	it('KUBECONFIG with several files: the first file that names the current context wins, as with kubectl', async () => {
		const other = await variant(cluster().kubeconfig, config => {
			config['current-context'] = '';
		});
		const result = await runPlugin('', ['status', '-o', 'json'], {KUBECONFIG: `/nonexistent/config:${other}:${cluster().kubeconfig}`});
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toHaveLength(1);
	});
});
