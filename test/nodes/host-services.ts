// The host side of the real nodes' world, all on loopback: the image
// registry (TLS, as registry.proxytest), the test proxy that alone resolves
// that name (one port open, one requiring credentials, one decrypting TLS with
// a CA of its own, as corporate proxies do), and the proxy the API
// server's connections to kubelets go through (it maps node names to the
// VMs' forwarded kubelet ports). Every process writes a pid file into the
// cluster's pid folder, so the cluster's clean-up stops it.

import {spawn} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {run} from '../cluster/run.ts';
import {waitFor} from '../cluster/wait-for.ts';
import type {NodeImage} from './node-image.ts';

export type ProxyCredentials = {readonly user: string; readonly password: string};

/** Has every character that needs care in a URL, a unit file and a shell: % @ $ : and a quote. */
export const proxyCredentials: ProxyCredentials = {user: 'puller', password: 'p%a@s$s:w\'d'};

/** Every byte but the unreserved ones percent-encoded, as the plugin asks of a user name or password. */
export function percentEncoded(text: string): string {
	return [...new TextEncoder().encode(text)]
		.map(byte => (/[\w.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
		.join('');
}

/** The URL of the proxy that asks for proxyCredentials, with them in it. */
export function authProxyUrl(hostPort: string): string {
	return `http://${proxyCredentials.user}:${percentEncoded(proxyCredentials.password)}@${hostPort}`;
}

export type HostServices = {
	readonly dir: string;
	/** JSON lines, one per proxied request: {time, method, target, status, user?, error?}. */
	readonly proxyLog: string;
	readonly ports: {readonly registry: number; readonly proxy: number; readonly authProxy: number; readonly interceptProxy: number};
	/** The CA of the intercepting proxy (PEM): what a node must trust to pull through it. */
	readonly interceptCa: string;
};

export type ProxyLogLine = {time: string; method: string; target: string; status: number; user?: string; error?: string; intercepted?: boolean};

const roles = {registry: 'registry', proxy: 'proxy', authProxy: 'auth-proxy', interceptProxy: 'intercept-proxy'} as const;

function servicesIn(dir: string, ports: HostServices['ports']): HostServices {
	return {dir, proxyLog: join(dir, 'proxy.log'), ports, interceptCa: join(dir, 'intercept-pki', 'ca.crt')};
}

/** The services another process started, from their port files. */
export async function readHostServices(dir: string): Promise<HostServices> {
	const port = async (role: string) => Number((await readFile(join(dir, `${role}.port`), 'utf8')).trim());
	return servicesIn(dir, {
		registry: await port(roles.registry),
		proxy: await port(roles.proxy),
		authProxy: await port(roles.authProxy),
		interceptProxy: await port(roles.interceptProxy),
	});
}

export async function startHostServices(image: NodeImage, dir: string, pidsDir: string): Promise<HostServices> {
	await mkdir(dir, {recursive: true});
	const {proxyLog} = servicesIn(dir, {registry: 0, proxy: 0, authProxy: 0, interceptProxy: 0});
	await writeFile(proxyLog, '');
	const registry = await startTool(image, dir, pidsDir, roles.registry, [
		'registry', '-dir', image.registryDir, '-cert', image.registryCert, '-key', image.registryKey,
	]);
	const route = `registry.proxytest:443=127.0.0.1:${registry}`;
	const proxy = await startTool(image, dir, pidsDir, roles.proxy, ['proxy', '-log', proxyLog, '-map', route]);
	const authProxy = await startTool(image, dir, pidsDir, roles.authProxy, [
		'proxy', '-log', proxyLog, '-map', route, '-auth', `${proxyCredentials.user}:${proxyCredentials.password}`,
	]);
	// The intercepting proxy's own CA and its certificate for the registry's name.
	const pki = join(dir, 'intercept-pki');
	const made = await run(image.nodeTool, ['cert', '-dir', pki, '-hosts', 'registry.proxytest', '-ca-name', 'proxyinject test intercepting proxy CA']);
	if (made.code !== 0) {
		throw new Error(`node-tool cert: ${made.stderr.trim()}`);
	}

	const interceptProxy = await startTool(image, dir, pidsDir, roles.interceptProxy, [
		'proxy', '-log', proxyLog, '-map', route,
		'-intercept-cert', join(pki, 'server.crt'), '-intercept-key', join(pki, 'server.key'), '-upstream-ca', image.registryCa,
	]);
	return servicesIn(dir, {registry, proxy, authProxy, interceptProxy});
}

/** Unix socket paths are short (108 bytes): the egress proxy's lives in a short temporary path. */
export function egressProxySocket(clusterDir: string): string {
	return join(tmpdir(), `pi-egress-${createHash('sha256').update(clusterDir).digest('hex').slice(0, 16)}.sock`);
}

/** The API server's way to kubelets: CONNECT to node names, mapped by egress.map; anything else passes. */
export async function startEgressProxy(image: NodeImage, dir: string, pidsDir: string, socket: string): Promise<string> {
	await mkdir(dir, {recursive: true});
	const egressMap = join(dir, 'egress.map');
	await writeFile(egressMap, '');
	await startTool(image, dir, pidsDir, 'egress-proxy', [
		'proxy', '-log', join(dir, 'egress.log'), '-pass-unmapped', '-map-file', egressMap,
	], `unix:${socket}`);
	return egressMap;
}

export async function readProxyLog(services: HostServices): Promise<ProxyLogLine[]> {
	const text = await readFile(services.proxyLog, 'utf8');
	return text.split('\n').filter(Boolean).map(line => JSON.parse(line) as ProxyLogLine);
}

async function startTool(image: NodeImage, dir: string, pidsDir: string, role: string, args: string[], listen = '127.0.0.1:0'): Promise<number> {
	const portFile = join(dir, `${role}.port`);
	const child = spawn(image.nodeTool, [...args, '-listen', listen, '-port-file', portFile], {
		detached: true,
		stdio: ['ignore', 'ignore', 'ignore'],
		cwd: dir,
	});
	child.unref();
	await writeFile(join(pidsDir, `node-tool-${role}.pid`), `${child.pid}\n`);
	let exited: number | null = null;
	child.once('exit', code => {
		exited = code;
	});
	const port = await waitFor(async () => {
		if (exited !== null) {
			throw new Error(`node-tool ${role} exited with ${exited}`);
		}

		const text = (await readFile(portFile, 'utf8').catch(() => '')).trim();
		return text === '' ? undefined : Number(text);
	}, {what: `node-tool ${role} to listen`, timeoutMs: 10_000, pollMs: 50});
	return port;
}
