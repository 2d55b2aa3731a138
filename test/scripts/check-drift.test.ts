// check-drift.sh on a node that inject.sh configured: the digests the plugin
// expects (nodeCheck) must be those of the files inject.sh writes, and the
// decision from the script's report must name what was changed by hand.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {nodeCheck, type SettingsInForce} from '../../source/drift/check-inputs.ts';
import {decideDrift} from '../../source/drift/decide-drift.ts';
import {parseCheckReport, type CheckReport} from '../../source/drift/check-report.ts';
import type {NodeInfo} from '../../source/inventory/types.ts';
import {dropIn, FakeNode, scriptsDir, shells} from './fake-node.ts';

const proxy = {HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'localhost,.svc'};
const withCredentials = {HTTPS_PROXY: 'http://builder:s3cr%40t@proxy.example:3128', NO_PROXY: 'localhost,.svc'};
const key = 'a'.repeat(64);
const containerd = 'containerd.service';
const node = {name: 'node-1', runtime: 'containerd', labels: {}} as unknown as NodeInfo & {runtime: 'containerd'};

for (const shell of shells) describe.skipIf(!shell.available)(`check-drift.sh under ${shell.name}`, () => {
	let fake: FakeNode;

	beforeEach(() => {
		fake = new FakeNode(shell);
		fake.unit(containerd, {active: true});
	});
	afterEach(() => fake.remove());

	async function check(settings: SettingsInForce) {
		const {inputs, expected} = nodeCheck(node, settings)!;
		const keyFile = path.join(fake.root, 'key');
		writeFileSync(keyFile, settings.applied && settings.key ? settings.key : '');
		const result = await fake.spawnScript(path.join(scriptsDir, 'check-drift.sh'), {
			PROXYINJECT_UNIT: inputs.unit,
			PROXYINJECT_EXPECT_DROP_IN: inputs.dropIn,
			PROXYINJECT_EXPECT_ENV_FILE: inputs.envFile,
			PROXYINJECT_EXPECT_RUNTIME_ENV: inputs.runtimeEnv,
			PROXYINJECT_EXPECT_CA: inputs.ca,
			PROXYINJECT_KEY_FILE: inputs.keyed ? keyFile : '',
			PROXYINJECT_TERMINATION_LOG: path.join(fake.root, 'termination-log'),
		});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const message = readFileSync(path.join(fake.root, 'termination-log'), 'utf8');
		const report = parseCheckReport(message) as CheckReport;
		expect(report).not.toHaveProperty('invalid');
		return {message, drift: decideDrift(report, expected)};
	}

	async function configure(env: Record<string, string>, secret = false) {
		if (secret) {
			fake.secret(dropIn(env));
		} else {
			fake.config(dropIn(env));
		}

		const result = await fake.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
		expect(result.code, result.stderr).toBe(0);
		fake.clearCalls();
	}

	test('a node configured by inject.sh is in sync, and the check only reads', async () => {
		await configure(proxy);
		const before = fake.readDropIn(containerd);

		const {drift} = await check({applied: true, dropIn: dropIn(proxy)});

		expect(drift).toEqual({state: 'in-sync', detail: ''});
		expect(fake.readDropIn(containerd)).toBe(before);
		expect(fake.calls().filter(line => !/^(nsenter --target 1 --mount -- systemctl show -p \w+ containerd\.service|systemctl show -p \w+ containerd\.service)$/.test(line))).toEqual([]);
	});

	test('with credentials: keyed digests match the drop-in and the root-only file, and no value reaches the report', async () => {
		await configure(withCredentials, true);

		const {drift, message} = await check({applied: true, dropIn: dropIn(withCredentials), key});

		expect(drift.state).toBe('in-sync');
		expect(message).not.toMatch(/s3cr|builder|proxy\.example|localhost/);
	});

	test('an edited drop-in is edited; without a daemon-reload and restart the runtime still runs the old settings', async () => {
		await configure(proxy);
		writeFileSync(fake.dropInPath(containerd), `${fake.readDropIn(containerd)}Environment="NO_PROXY=localhost,.svc,.corp"\n`);

		expect((await check({applied: true, dropIn: dropIn(proxy)})).drift).toEqual({state: 'edited', detail: '/etc/systemd/system/containerd.service.d/http-proxy.conf differs from the settings in force'});
	});

	test('a runtime whose environment differs from its right drop-in is stale-runtime', async () => {
		await configure(proxy);
		fake.unit(containerd, {active: true, dropIns: ['http-proxy.conf'], processEnv: ['HTTPS_PROXY=http://old.example:3128']});

		expect((await check({applied: true, dropIn: dropIn(proxy)})).drift.state).toBe('stale-runtime');
	});

	test('another drop-in after ours that sets HTTPS_PROXY overrides it; one before ours that sets only what ours sets does not', async () => {
		await configure(proxy);
		fake.hostFile('/etc/systemd/system/containerd.service.d/10-early.conf', '[Service]\nEnvironment="NO_PROXY=x"\n');
		expect((await check({applied: true, dropIn: dropIn(proxy)})).drift.state).toBe('in-sync');

		fake.hostFile('/etc/systemd/system/containerd.service.d/99-other.conf', '[Service]\nEnvironment=HTTPS_PROXY=http://other:3128 "https_proxy=http://other:3128"\n');
		const {drift, message} = await check({applied: true, dropIn: dropIn(proxy)});

		expect(message).toContain('other=/etc/systemd/system/containerd.service.d/99-other.conf HTTPS_PROXY,https_proxy\n');
		expect(drift).toEqual({state: 'overridden', detail: '/etc/systemd/system/containerd.service.d/99-other.conf (HTTPS_PROXY, https_proxy) sets proxy variables over the drop-in of kubectl-proxyinject'});
	});

	test('no drop-in: missing when settings are applied, not-installed when nothing is', async () => {
		expect((await check({applied: true, dropIn: dropIn(proxy)})).drift).toEqual({state: 'missing', detail: '/etc/systemd/system/containerd.service.d/http-proxy.conf is missing'});
		expect((await check({applied: false})).drift).toEqual({state: 'not-installed', detail: ''});
	});

	test('a drop-in of ours on a node where nothing is applied is drift', async () => {
		await configure(proxy);

		expect((await check({applied: false})).drift).toEqual({state: 'edited', detail: 'files of kubectl-proxyinject are in /etc/systemd/system/containerd.service.d, but no proxy settings are applied'});
	});
});
