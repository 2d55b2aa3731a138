import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadKubeconfig} from '../../source/cluster/load-kubeconfig.ts';
import {UsageError} from '../../source/errors.ts';

let root: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'kubeconfig-credentials-'));
});

afterEach(() => {
	rmSync(root, {recursive: true, force: true});
});

function write(name: string, text: string, mode?: number): string {
	const path = join(root, name);
	mkdirSync(join(path, '..'), {recursive: true});
	writeFileSync(path, text);
	if (mode !== undefined) {
		chmodSync(path, mode);
	}

	return path;
}

/** One context `c` with the given cluster and user fields, as YAML lines. */
function kubeconfig(cluster: readonly string[], user: readonly string[]): string {
	return ['apiVersion: v1', 'kind: Config', 'current-context: c', 'clusters:', '- name: c', '  cluster:', ...cluster.map(line => `    ${line}`),
		'users:', '- name: u', '  user:', ...(user.length === 0 ? ['    {}'] : user.map(line => `    ${line}`)), 'contexts:', '- name: c', '  context:', '    cluster: c', '    user: u', ''].join('\n');
}

async function headersOf(path: string, env: NodeJS.ProcessEnv = {}): Promise<Record<string, unknown>> {
	const {config} = loadKubeconfig({kubeconfig: path}, {HOME: root, PATH: process.env['PATH'], ...env});
	const options: {headers?: Record<string, unknown>} = {};
	await config.applyToHTTPSOptions(options);
	return options.headers ?? {};
}

/** A credential plugin: a real executable script that prints an ExecCredential and records what it was given. */
function plugin(name: string, body: string): string {
	return write(name, `#!${process.execPath}\n${body}\n`, 0o755);
}

describe('kubeconfig credentials, read as kubectl reads them', () => {
	it('reads a relative token-file from the kubeconfig\'s folder, trimmed, whatever the working directory', async () => {
		write('conf/tokens/admin', 'abc123\n');
		const path = write('conf/kc.yaml', kubeconfig(['server: https://api.example:6443'], ['token-file: tokens/admin']));
		expect((await headersOf(path))['Authorization']).toBe('Bearer abc123');
	});

	it('a token in the kubeconfig wins over its token-file', async () => {
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['token: inline', 'token-file: missing']));
		expect((await headersOf(path))['Authorization']).toBe('Bearer inline');
	});

	it('a missing token file is named when a request needs it, not when an unused user has one', async () => {
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['token-file: gone']));
		await expect(headersOf(path)).rejects.toThrow(`cannot read the token file ${join(root, 'gone')} of kubeconfig user "u": ENOENT`);
	});

	it('runs an exec plugin given by relative path, with KUBERNETES_EXEC_INFO and the cluster info', async () => {
		plugin('conf/bin/credential', [
			'const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);',
			'require("node:fs").writeFileSync(process.env.INFO_FILE, JSON.stringify(info));',
			'console.log(JSON.stringify({apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: {token: "from-exec:" + process.argv[2]}}));',
		].join('\n'));
		const infoFile = join(root, 'info.json');
		const path = write('conf/kc.yaml', kubeconfig(['server: https://api.example:6443', 'certificate-authority-data: Q0E=', 'tls-server-name: api.internal'], [
			'exec:',
			'  apiVersion: client.authentication.k8s.io/v1',
			'  command: ./bin/credential',
			'  args: [one]',
			'  env: [{name: INFO_FILE, value: ' + JSON.stringify(infoFile) + '}]',
			'  interactiveMode: IfAvailable',
			'  provideClusterInfo: true',
		]));
		expect((await headersOf(path))['Authorization']).toBe('Bearer from-exec:one');
		const info = JSON.parse(readFileSync(infoFile, 'utf8')) as unknown;
		expect(info).toEqual({
			apiVersion: 'client.authentication.k8s.io/v1',
			kind: 'ExecCredential',
			spec: {interactive: false, cluster: {server: 'https://api.example:6443', 'certificate-authority-data': 'Q0E=', 'tls-server-name': 'api.internal'}},
		});
	});

	it('tells the plugin the kubeconfig\'s proxy-url, not a proxy taken from the environment', async () => {
		const infoFile = join(root, 'info.json');
		plugin('record', `require("node:fs").writeFileSync(${JSON.stringify(infoFile)}, process.env.KUBERNETES_EXEC_INFO); console.log(JSON.stringify({apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: {token: "t"}}));`);
		const exec = ['exec:', '  apiVersion: client.authentication.k8s.io/v1', `  command: ${join(root, 'record')}`, '  interactiveMode: Never', '  provideClusterInfo: true'];
		const clusterOf = () => (JSON.parse(readFileSync(infoFile, 'utf8')) as {spec: {cluster: Record<string, unknown>}}).spec.cluster;
		await headersOf(write('env.yaml', kubeconfig(['server: https://api.example:6443'], exec)), {HTTPS_PROXY: 'http://env-proxy:3128'});
		expect(clusterOf()['proxy-url']).toBeUndefined();
		await headersOf(write('url.yaml', kubeconfig(['server: https://api.example:6443', 'proxy-url: http://kubeconfig-proxy:8080'], exec)));
		expect(clusterOf()['proxy-url']).toBe('http://kubeconfig-proxy:8080');
	});

	it('counts a new client certificate from an exec plugin as a new TLS identity, the same one again not', async () => {
		const counter = join(root, 'runs');
		plugin('certs', [
			'const fs = require("node:fs");',
			`const runs = fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1 : 1;`,
			`fs.writeFileSync(${JSON.stringify(counter)}, String(runs));`,
			// Expired at once, so that every request runs it again; the certificate changes on the third run.
			'console.log(JSON.stringify({apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: {clientCertificateData: runs < 3 ? "cert-a" : "cert-b", clientKeyData: "key", expirationTimestamp: "2000-01-01T00:00:00Z"}}));',
		].join('\n'));
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['exec:', '  apiVersion: client.authentication.k8s.io/v1', `  command: ${join(root, 'certs')}`, '  interactiveMode: Never']));
		const loaded = loadKubeconfig({kubeconfig: path}, {HOME: root, PATH: process.env['PATH']});
		const identities: number[] = [];
		for (let request = 0; request < 3; request++) {
			const options: {cert?: unknown} = {};
			await loaded.config.applyToHTTPSOptions(options);
			identities.push(loaded.tlsIdentity!());
		}

		expect(identities).toEqual([1, 1, 2]);
	});

	it('a failing exec plugin is an error that points at its own messages', async () => {
		plugin('fail', 'console.error("please run: corp-login"); process.exit(3);');
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['exec:', '  apiVersion: client.authentication.k8s.io/v1beta1', `  command: ${join(root, 'fail')}`]));
		await expect(headersOf(path)).rejects.toThrow('the credential plugin');
	});

	it('an exec plugin that is not installed shows its installHint', async () => {
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['exec:', '  apiVersion: client.authentication.k8s.io/v1beta1', '  command: no-such-credential-plugin', '  installHint: install it with corp-get-tools']));
		const error = await headersOf(path).catch((error: unknown) => error as Error & {hint?: string});
		expect(error).toMatchObject({message: 'the credential plugin "no-such-credential-plugin" could not be started: command not found', hint: 'install it with corp-get-tools'});
	});

	it('an exec plugin with interactiveMode Always and no terminal is refused instead of hanging', async () => {
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['exec:', '  apiVersion: client.authentication.k8s.io/v1', '  command: /bin/true', '  interactiveMode: Always']));
		await expect(headersOf(path)).rejects.toThrow('needs a terminal');
	});
});

describe('kubeconfig connection rules', () => {
	it('refuses insecure-skip-tls-verify together with a certificate authority, as kubectl does', () => {
		const path = write('kc.yaml', kubeconfig(['server: https://api.example:6443', 'insecure-skip-tls-verify: true', 'certificate-authority-data: Q0E='], ['token: t']));
		expect(() => loadKubeconfig({kubeconfig: path}, {HOME: root})).toThrow(UsageError);
		expect(() => loadKubeconfig({kubeconfig: path}, {HOME: root})).toThrow('context "c": the cluster sets both insecure-skip-tls-verify and a certificate authority');
	});

	it('sends no credentials to a plain http:// server', async () => {
		write('token', 'from-file');
		const path = write('kc.yaml', kubeconfig(['server: http://127.0.0.1:8001'], ['token: secret', 'username: admin', 'password: pw', 'token-file: token', 'exec:', '  apiVersion: client.authentication.k8s.io/v1', '  command: /bin/false']));
		const headers = await headersOf(path);
		expect(headers['Authorization']).toBeUndefined();
		expect(JSON.stringify(headers)).not.toMatch(/secret|from-file|pw/);
	});

	it('takes the proxy from HTTPS_PROXY/NO_PROXY when the kubeconfig has no proxy-url; proxy-url wins', () => {
		const plain = write('kc.yaml', kubeconfig(['server: https://api.example:6443'], ['token: t']));
		const proxied = (env: NodeJS.ProcessEnv, path = plain) => loadKubeconfig({kubeconfig: path}, {HOME: root, ...env}).config.getCurrentCluster()?.proxyUrl;
		expect(proxied({HTTPS_PROXY: 'http://proxy.corp:3128'})).toBe('http://proxy.corp:3128');
		expect(proxied({HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: '.example'})).toBeUndefined();
		expect(proxied({})).toBeUndefined();
		const withUrl = write('kc2.yaml', kubeconfig(['server: https://api.example:6443', 'proxy-url: http://kubeconfig-proxy:8080'], ['token: t']));
		expect(proxied({HTTPS_PROXY: 'http://proxy.corp:3128'}, withUrl)).toBe('http://kubeconfig-proxy:8080');
	});
});
