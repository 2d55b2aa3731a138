// --ca-file on the node: the certificates arrive as data in the config map,
// are checked (PEM CERTIFICATE blocks only, size, the hash the drop-in's
// SSL_CERT_DIR names), written to a folder of their own, and the runtime is
// restarted once per change. The drop-ins and bundles are what the plugin
// renders, so these tests also prove the two sides agree.
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dataKeys} from '../../source/manifests/names.ts';
import {renderDropIn} from '../../source/settings/drop-in.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import type {CaFileInput} from '../../source/settings/trusted-ca.ts';
import {fixtureNow, proxyCa, secondCa} from '../settings/ca-fixtures.ts';
import {FakeNode, marker, shells} from './fake-node.ts';

const facts = {clusterDomain: 'cluster.local', podCidrs: [], serviceCidrs: [], nodeInternalIps: []};
const containerd = 'containerd.service';
const run = {PROXYINJECT_RUNTIME: 'containerd'};
// Each test runs the scripts several times; a busy machine makes that slow, never wrong.
const slow = 30_000;

/** What the plugin puts into the config map for these CA files. */
function rendered(caFiles: readonly CaFileInput[]) {
	const settings = buildSettings({httpsProxy: 'http://proxy.example:3128', noDefaultNoProxy: true, requireProxy: true, caFiles, now: fixtureNow}, facts);
	const pem = settings.trustedCa?.pem;
	return {dropIn: renderDropIn(settings), pem, id: settings.trustedCa?.id ?? '', sha256: pem === undefined ? '' : createHash('sha256').update(pem).digest('hex')};
}

for (const shell of shells) describe.skipIf(!shell.available)(`CA certificates on the node, under ${shell.name}`, () => {
	let node: FakeNode;
	const caRoot = () => path.join(node.systemdDir, 'proxyinject-ca');
	const caFile = (id: string) => path.join(caRoot(), id, 'ca.pem');
	// What the pod template allows (PROXYINJECT_CA_SHA256): set by configure, as apply sets both.
	let allowed = '';
	const env = () => ({...run, PROXYINJECT_CA_SHA256: allowed});
	const configure = (files: readonly CaFileInput[]) => {
		const wanted = rendered(files);
		allowed = wanted.sha256;
		node.config(wanted.dropIn);
		const bundle = path.join(node.configDir, dataKeys.caBundle);
		if (wanted.pem === undefined) {
			rmBundle(bundle);
		} else {
			writeFileSync(bundle, wanted.pem);
		}

		return wanted;
	};

	beforeEach(() => {
		node = new FakeNode(shell);
		node.unit(containerd, {active: true});
	});
	afterEach(() => node.remove());

	test('the bundle lands in its own folder, the drop-in names it, the runtime restarts once and carries it', async () => {
		const {id, pem} = configure([proxyCa]);

		const result = await node.run('inject.sh', env());

		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(readFileSync(caFile(id), 'utf8')).toBe(`${marker}\n${pem}`);
		expect(statSync(caFile(id)).mode & 0o777).toBe(0o644);
		expect(statSync(path.dirname(caFile(id))).mode & 0o777).toBe(0o755);
		expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`]);
		expect(node.runningEnv(containerd)).toContain(`SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${id}`);
	}, slow);

	test('a second run with the same bundle changes nothing', async () => {
		configure([proxyCa]);
		await node.run('inject.sh', env());
		node.clearCalls();

		const result = await node.run('inject.sh', env());

		expect(result.code).toBe(0);
		expect(result.stdout).toContain('already configured, nothing to do');
		expect(node.systemctlCalls('restart')).toEqual([]);
	}, slow);

	test('a new bundle: one restart, and the previous folder goes only after it', async () => {
		const first = configure([proxyCa]);
		await node.run('inject.sh', env());
		node.clearCalls();
		const second = configure([proxyCa, secondCa]);

		const result = await node.run('inject.sh', env());

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toHaveLength(1);
		expect(readdirSync(caRoot())).toEqual([second.id]);
		expect(existsSync(caFile(first.id))).toBe(false);
		expect(node.runningEnv(containerd)).toContain(`SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${second.id}`);
	}, slow);

	test('a runtime that does not start with the new bundle gets the previous drop-in back, and finds the previous bundle still there', async () => {
		const first = configure([proxyCa]);
		await node.run('inject.sh', env());
		const second = configure([secondCa]);
		node.unitFlag(containerd, 'fails-with', second.id);

		const result = await node.run('inject.sh', {...env(), PROXYINJECT_TIMEOUT: '1'});

		expect(result.code).toBe(1);
		expect(node.readDropIn(containerd)).toBe(first.dropIn);
		expect(readFileSync(caFile(first.id), 'utf8')).toContain(first.pem!);
		expect(node.runningEnv(containerd)).toContain(`SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${first.id}`);
	}, slow);

	test('dropping --ca-file: the runtime restarts without SSL_CERT_DIR, then the folder goes', async () => {
		configure([proxyCa]);
		await node.run('inject.sh', env());
		node.clearCalls();
		configure([]);

		const result = await node.run('inject.sh', env());

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toHaveLength(1);
		expect(node.runningEnv(containerd).some(entry => entry.startsWith('SSL_CERT_DIR='))).toBe(false);
		expect(existsSync(caRoot())).toBe(false);
	}, slow);

	test('remove restarts the runtime that carries SSL_CERT_DIR and deletes the certificates; a second remove has nothing to do', async () => {
		configure([proxyCa]);
		await node.run('inject.sh', env());
		node.clearCalls();

		const removed = await node.run('remove.sh');

		expect(removed.code).toBe(0);
		expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`]);
		expect(node.runningEnv(containerd).some(entry => entry.startsWith('SSL_CERT_DIR='))).toBe(false);
		expect(existsSync(caRoot())).toBe(false);
		node.clearCalls();
		const again = await node.run('remove.sh');
		expect(again.stdout).toContain('nothing to do');
		expect(node.systemctlCalls('restart')).toEqual([]);
	}, slow);

	test('remove keeps a file in the CA folder that it did not write', async () => {
		const {id} = configure([proxyCa]);
		await node.run('inject.sh', env());
		writeFileSync(path.join(caRoot(), id, 'operator.pem'), 'theirs\n');

		const removed = await node.run('remove.sh');

		expect(removed.code).toBe(0);
		expect(existsSync(caFile(id))).toBe(false);
		expect(readFileSync(path.join(caRoot(), id, 'operator.pem'), 'utf8')).toBe('theirs\n');
	}, slow);

	describe('only what the plugin renders is accepted: otherwise the node fails and nothing is written or restarted', () => {
		const refused = async (expected: string) => {
			const result = await node.run('inject.sh', env());
			expect(result.code).toBe(1);
			expect(result.stderr).toContain(expected);
			expect(node.hasDropIn(containerd)).toBe(false);
			expect(existsSync(caRoot())).toBe(false);
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(existsSync(path.join(node.root, 'pwned'))).toBe(false);
		};

		const withDropIn = (edit: (dropIn: string) => string) => {
			const wanted = configure([proxyCa]);
			node.config(edit(wanted.dropIn));
			return wanted;
		};

		test.each([
			['another folder', (id: string) => `/etc/ssl/certs:/etc/pki/tls/certs:/tmp/${id}`],
			['an extra folder', (id: string) => `/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${id}:/tmp`],
			['only our folder (the system roots dropped)', (id: string) => `/etc/systemd/system/proxyinject-ca/${id}`],
			['a path out of the CA folder', () => '/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/../../../../tmp'],
			['a short id', (id: string) => `/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${id.slice(0, 15)}`],
		])('SSL_CERT_DIR with %s', async (_, value) => {
			withDropIn(dropIn => dropIn.replace(/SSL_CERT_DIR=[^"]*/, `SSL_CERT_DIR=${value(rendered([proxyCa]).id)}`));
			await refused('SSL_CERT_DIR must be /etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/<16 hex digits>');
		});

		test('SSL_CERT_DIR twice', async () => {
			withDropIn(dropIn => dropIn.replace(/(Environment="SSL_CERT_DIR=[^"]*"\n)/, '$1$1'));
			await refused('SSL_CERT_DIR is set twice');
		});

		test('SSL_CERT_DIR without the certificates', async () => {
			configure([proxyCa]);
			rmBundle(path.join(node.configDir, dataKeys.caBundle));
			await refused(`the drop-in sets SSL_CERT_DIR, but ${node.configDir}/http-proxy-ca.pem is missing`);
		});

		test('certificates without SSL_CERT_DIR', async () => {
			const {pem} = configure([proxyCa]);
			configure([]);
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), pem!);
			await refused('holds CA certificates, but the drop-in sets no SSL_CERT_DIR');
		});

		test('a CA put into the config map with its matching drop-in, while the pod template allows another', async () => {
			configure([proxyCa]);
			const theirs = rendered([secondCa]);
			node.config(theirs.dropIn);
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), theirs.pem!);
			await refused(`but this pod's template allows only ${rendered([proxyCa]).sha256}`);
		});

		test('a CA put into the config map with its matching drop-in, while the pod template allows none', async () => {
			configure([]);
			const theirs = rendered([secondCa]);
			node.config(theirs.dropIn);
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), theirs.pem!);
			await refused('but this pod\'s template allows none');
		});

		test('certificates other than the ones SSL_CERT_DIR names', async () => {
			configure([proxyCa]);
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), rendered([secondCa]).pem!);
			await refused('the two come from different applies');
		});

		test.each([
			['shell code', (pem: string) => `$(touch ${'"'}$PWD/pwned${'"'})\n${pem}`],
			['a private key', (pem: string) => `${pem}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`],
			['a blank line', (pem: string) => pem.replace('\n', '\n\n')],
			['a certificate without its END line', (pem: string) => pem.replace(/-----END CERTIFICATE-----\n$/, '')],
			['a line of another alphabet', (pem: string) => pem.replace(/\n[A-Za-z0-9+/]{4}/, '\n;;;;')],
			['an END line first', (pem: string) => `-----END CERTIFICATE-----\n${pem}`],
		])('a bundle with %s, even with the matching hash', async (_, edit) => {
			const bad = edit(rendered([proxyCa]).pem!);
			// The hash matches what the drop-in names: only the content check can refuse it.
			const badId = createHashOf(bad);
			withDropIn(dropIn => dropIn.replace(/proxyinject-ca\/[0-9a-f]{16}/, `proxyinject-ca/${badId}`));
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), bad);
			await refused('is not a CA bundle kubectl-proxyinject renders');
		});

		test('a bundle over the size limit', async () => {
			const pem = rendered([proxyCa]).pem!;
			const big = pem.repeat(Math.ceil(131_072 / pem.length) + 1);
			withDropIn(dropIn => dropIn.replace(/proxyinject-ca\/[0-9a-f]{16}/, `proxyinject-ca/${createHashOf(big)}`));
			writeFileSync(path.join(node.configDir, dataKeys.caBundle), big);
			await refused('over the limit of 131072 bytes');
		});
	});
});

function createHashOf(text: string): string {
	return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function rmBundle(file: string): void {
	rmSync(file, {force: true});
}
