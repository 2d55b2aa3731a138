// --ca-file on a real node: a proxy that decrypts TLS with a CA of its own
// (as corporate proxies do) stands between the node and the test registry.
// The node has no DNS and no route: the registry is reachable only through
// that proxy. A runtime that does not trust the proxy's CA fails the pull
// with x509; with --ca-file it trusts it (besides the system roots, which
// stay as they are) and the pull goes through. One real containerd node
// keeps this file short.

import {createHash, X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {describe, expect, it} from 'vitest';
import {useCluster} from '../cluster/fixture.ts';
import {nodeImages, proxiedTestImage} from '../nodes/node-image.ts';
import type {NodeVm} from '../nodes/node-vm.ts';
import {mainPid, runtimeEnviron, sh, startsSince} from '../nodes/node-checks.ts';
import {pullOnNode} from '../nodes/pull-pod.ts';
import {expiredCa} from '../settings/ca-fixtures.ts';
import {runPlugin} from './plugin.ts';

const realTimeoutMs = 900_000;
const images = ['--image', nodeImages.script, '--pause-image', nodeImages.pause];
const caFolder = '/etc/systemd/system/proxyinject-ca';

// The host's own trust store: --ca-file must leave it as it is.
const trustStore = async (node: NodeVm) => sh(node, 'cat /etc/ssl/certs/ca-certificates.crt | sha256sum; ls -la --time-style=+%s /etc/ssl/certs | sha256sum');

describe('real node: a TLS-intercepting proxy, trusted with --ca-file', () => {
	const cluster = useCluster({name: 'e2e-real-ca', workloadPodsPerNode: 0, real: {containerd: 1}});
	const real = () => cluster().real!;
	const node = () => real().nodes[0]!;
	const apply = async (args: readonly string[]) =>
		runPlugin(cluster().kubeconfig, ['apply', ...images, '--yes', '--timeout', '10m', '--https-proxy', real().interceptProxyUrl, ...args]);
	const interceptedPulls = async () => (await real().proxyLog()).filter(line => line.intercepted && line.target === 'registry.proxytest:443');

	it('without --ca-file the runtime refuses the proxy\'s certificate: the pull fails with x509', async () => {
		const result = await apply([]);
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(await runtimeEnviron(node())).toContain(`HTTPS_PROXY=${real().interceptProxyUrl}`);

		const outcome = await pullOnNode(cluster(), node().name, proxiedTestImage);

		expect(outcome).toMatchObject({pulled: false});
		expect(outcome.pulled ? '' : outcome.message).toContain('x509: certificate signed by unknown authority');
		// The proxy saw the runtime give up on its certificate.
		expect((await interceptedPulls()).filter(line => line.status === 502 && line.error?.startsWith('client TLS handshake'))).not.toEqual([]);
	}, realTimeoutMs);

	it('a CA file that fails the checks stops the plugin before anything changes (exit 2, the file named)', async () => {
		const dropIn = await sh(node(), `cat /etc/systemd/system/${node().runtime}.service.d/http-proxy.conf`);
		const pid = await mainPid(node());

		const result = await apply(['--ca-file', expiredCa.path]);

		expect(result.code, result.stdout + result.stderr).toBe(2);
		expect(result.stderr).toContain(`--ca-file "${expiredCa.path}": certificate 1 (O=Example Corp, CN=Example Expired CA) expired on 2024-01-01`);
		expect(await sh(node(), `cat /etc/systemd/system/${node().runtime}.service.d/http-proxy.conf`)).toBe(dropIn);
		expect(await mainPid(node())).toBe(pid);
	}, realTimeoutMs);

	it('with --ca-file: the plan names the CA, the runtime restarts once and trusts it besides the system roots, and the pull goes through', async () => {
		const caPem = await readFile(real().services.interceptCa, 'utf8');
		const id = createHash('sha256').update(new X509Certificate(caPem).toString()).digest('hex').slice(0, 16);
		const storeBefore = await trustStore(node());
		const since = Math.floor(Date.now() / 1000);

		const result = await apply(['--ca-file', real().services.interceptCa]);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(result.stdout).toMatch(/Trusted CA \(besides the system roots\): CN=proxyinject test intercepting proxy CA \(expires \d{4}-\d\d-\d\d\)/);
		expect(await startsSince(node(), since), 'one restart for one settings change').toBe(1);
		expect((await runtimeEnviron(node())).split('\n')).toContain(`SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:${caFolder}/${id}`);
		expect(await sh(node(), `stat -c '%U %a %n' ${caFolder} ${caFolder}/${id} ${caFolder}/${id}/ca.pem`)).toBe([
			`root 755 ${caFolder}`, `root 755 ${caFolder}/${id}`, `root 644 ${caFolder}/${id}/ca.pem`,
		].join('\n'));
		expect(await trustStore(node()), 'the host\'s trust store is untouched').toBe(storeBefore);

		const pulledBefore = (await interceptedPulls()).filter(line => line.status === 200).length;
		expect(await pullOnNode(cluster(), node().name, proxiedTestImage)).toEqual({pulled: true});
		expect((await interceptedPulls()).filter(line => line.status === 200).length, 'the pull went through the decrypting proxy').toBeGreaterThan(pulledBefore);
	}, realTimeoutMs);

	it('a second apply with the same CA restarts nothing', async () => {
		const pid = await mainPid(node());

		const result = await apply(['--ca-file', real().services.interceptCa]);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(await mainPid(node())).toBe(pid);
	}, realTimeoutMs);

	it('remove takes SSL_CERT_DIR and the certificates away again', async () => {
		const result = await runPlugin(cluster().kubeconfig, ['remove', ...images, '--yes', '--timeout', '10m']);

		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect((await runtimeEnviron(node())).split('\n').filter(line => /^(SSL_CERT_DIR|HTTPS_PROXY)=/.test(line))).toEqual([]);
		expect(await sh(node(), `ls -A ${caFolder} 2>&1 || true`)).toContain('No such file or directory');
	}, realTimeoutMs);
});
