import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dropIn, FakeNode, marker, scriptsDir, shells, unitOf, type Runtime} from './fake-node.ts';

const proxy = {
	HTTP_PROXY: 'http://proxy.example:3128',
	HTTPS_PROXY: 'http://proxy.example:3128',
	NO_PROXY: 'localhost,127.0.0.1,.svc,.cluster.local',
};
const proxyEnv = Object.entries(proxy).map(([name, value]) => `${name}=${value}`);

for (const shell of shells) describe.skipIf(!shell.available)(`inject.sh under ${shell.name}`, () => {
	let node: FakeNode;
	const containerd = 'containerd.service';

	beforeEach(() => {
		node = new FakeNode(shell);
		node.unit(containerd, {active: true});
	});
	afterEach(() => node.remove());

	test('first run writes the drop-in byte for byte and restarts the runtime once', async () => {
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
		expect(statSync(node.dropInPath(containerd)).mode & 0o777).toBe(0o644);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`]);
		const calls = node.calls();
		expect(calls.indexOf('systemctl daemon-reload')).toBeLessThan(calls.indexOf(`systemctl restart ${containerd}`));
		expect(result.stdout.trim().split('\n').at(-1)).toBe(`proxyinject: ${containerd}: drop-in written, runtime restarted`);
	});

	test('every systemctl call goes through nsenter into the host mount namespace', async () => {
		node.config(dropIn(proxy));

		await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		const calls = node.calls();
		calls.forEach((line, index) => {
			if (line.startsWith('systemctl ')) expect(calls[index - 1]).toBe(`nsenter --target 1 --mount -- ${line}`);
		});
		expect(calls.filter(line => line.startsWith('systemctl ')).length).toBeGreaterThan(2);
	});

	test('second run leaves a configured runtime alone', async () => {
		node.config(dropIn(proxy));
		await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
		node.clearCalls();

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(node.systemctlCalls('daemon-reload')).toEqual([]);
		expect(result.stdout).toContain(`proxyinject: ${containerd}: already configured, nothing to do`);
	});

	test('same content but the running unit lacks the environment: restart', async () => {
		node.config(dropIn(proxy));
		node.writeDropIn(containerd, dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toHaveLength(1);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(result.stdout).toContain('not loaded, runtime restarted');
	});

	test('reloaded but never restarted (the process lacks the environment): restart', async () => {
		node.config(dropIn(proxy));
		node.writeDropIn(containerd, dropIn(proxy));
		node.unit(containerd, {active: true, loadedEnv: proxyEnv, processEnv: [], dropIns: ['http-proxy.conf']});

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toHaveLength(1);
	});

	test('changed content is written and the runtime restarted', async () => {
		node.writeDropIn(containerd, dropIn(proxy));
		node.unit(containerd, {active: true, loadedEnv: proxyEnv});
		const changed = dropIn({...proxy, HTTP_PROXY: 'http://other.example:8080'});
		node.config(changed);

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(changed);
		expect(node.systemctlCalls('restart')).toHaveLength(1);
		expect(result.stdout).toContain('drop-in written, runtime restarted');
	});

	test('accepts Environment=NAME="value" as well as Environment="NAME=value"', async () => {
		const content = [marker, '[Service]', 'Environment=HTTP_PROXY="http://proxy.example:3128"', ''].join('\n');
		node.config(content);
		node.writeDropIn(containerd, content);
		node.unit(containerd, {active: true, loadedEnv: ['HTTP_PROXY=http://proxy.example:3128'], dropIns: ['http-proxy.conf']});

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.stdout).toContain('already configured, nothing to do');
		expect(node.systemctlCalls('restart')).toEqual([]);
	});

	describe('after a run that was stopped half-way through dropping HTTPS_PROXY', () => {
		const withoutHttps = {HTTP_PROXY: proxy.HTTP_PROXY, NO_PROXY: proxy.NO_PROXY};
		const withoutHttpsEnv = proxyEnv.filter(entry => !entry.startsWith('HTTPS_PROXY='));

		beforeEach(() => {
			node.writeDropIn(containerd, dropIn(proxy));
			node.unit(containerd, {active: true, loadedEnv: proxyEnv, dropIns: ['http-proxy.conf']});
			node.config(dropIn(withoutHttps));
			node.writeDropIn(containerd, dropIn(withoutHttps));
		});

		test('stopped after the write, before the reload: reloads and restarts once', async () => {
			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
			expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`]);
			expect(node.runningEnv(containerd)).toEqual(withoutHttpsEnv);
			expect(result.stdout).toContain(`${containerd}: systemd has not loaded its current drop-ins; reloading systemd`);
		});

		test('stopped after the reload, before the restart: restarts once, then never again', async () => {
			node.unit(containerd, {active: true, loadedEnv: withoutHttpsEnv, processEnv: proxyEnv, dropIns: ['http-proxy.conf']});

			const first = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(first.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`]);
			expect(node.runningEnv(containerd)).toEqual(withoutHttpsEnv);

			node.clearCalls();
			const second = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(second.stdout).toContain('already configured, nothing to do');
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(node.systemctlCalls('daemon-reload')).toEqual([]);
		});
	});

	test('a pending reload that changes nothing for the proxy: reload, no restart', async () => {
		node.config(dropIn(proxy));
		node.writeDropIn(containerd, dropIn(proxy));
		node.unit(containerd, {active: true, loadedEnv: proxyEnv, dropIns: ['http-proxy.conf']});
		node.hostFile(`/etc/systemd/system/${containerd}.d/limits.conf`, '[Service]\nLimitNOFILE=1048576\n');

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(result.stdout).toContain(`${containerd}: already configured, systemd reloaded, runtime left running`);
	});

	test('a drop-in kubectl-proxyinject did not write is refused and left untouched', async () => {
		const theirs = '[Service]\nEnvironment="HTTP_PROXY=http://theirs:3128"\n';
		node.writeDropIn(containerd, theirs);
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(1);
		expect(node.readDropIn(containerd)).toBe(theirs);
		const last = result.stderr.trim().split('\n').at(-1);
		expect(last).toMatch(/^proxyinject: .*http-proxy\.conf was not written by kubectl-proxyinject and is left untouched; move it aside/);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(node.systemctlCalls('daemon-reload')).toEqual([]);
		expect(readdirSync(path.dirname(node.dropInPath(containerd)))).toEqual(['http-proxy.conf']);
	});

	test('creates the drop-in directory, and the systemd tree, when missing', async () => {
		node.config(dropIn(proxy));
		expect(existsSync(path.join(node.hostRoot, 'etc'))).toBe(false);

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
		expect(readdirSync(path.dirname(node.dropInPath(containerd)))).toEqual(['http-proxy.conf']);
	});

	test.each<Runtime>(['containerd', 'docker', 'cri-o'])('PROXYINJECT_RUNTIME=%s configures its unit only', async runtime => {
		const unit = unitOf[runtime];
		node.unit(unit, {active: true});
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: runtime});

		expect(result.code).toBe(0);
		expect(node.readDropIn(unit)).toBe(dropIn(proxy));
		expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${unit}`]);
		for (const other of Object.values(unitOf).filter(name => name !== unit)) expect(node.hasDropIn(other)).toBe(false);
		expect(result.stdout).toContain(`proxyinject: runtime: ${runtime} (PROXYINJECT_RUNTIME)`);
	});

	test('an unknown PROXYINJECT_RUNTIME is an error', async () => {
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'podman'});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain("proxyinject: PROXYINJECT_RUNTIME must be containerd, docker or cri-o, got 'podman'");
	});

	test('a runtime unit that does not exist is refused before anything is written', async () => {
		node.unit(containerd, {missing: true});
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain('containerd.service is not a systemd unit on this node');
		expect(node.hasDropIn(containerd)).toBe(false);
	});

	test('a runtime that never becomes active fails within the timeout, status last', async () => {
		node.unit(containerd, {active: true, never: true});
		node.config(dropIn(proxy));

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '2'});

		expect(result.code).toBe(1);
		expect(result.seconds).toBeLessThan(8);
		expect(result.stderr).toContain('proxyinject: last lines of systemctl status containerd.service:');
		expect(result.stderr).toContain('Active: activating (start)');
		expect(result.stderr.trim().split('\n').at(-1)).toBe(
			'proxyinject: containerd.service is not active 2s after its restart; see the status above',
		);
	});

	test('missing drop-in source is an error naming both places', async () => {
		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`neither ${node.secretDir}/http-proxy.conf nor ${node.configDir}/http-proxy.conf exists`);
	});

	test('a config map without the shared scripts fails with a clear message', () => {
		const lonely = path.join(node.root, 'lonely');
		mkdirSync(lonely);
		copyFileSync(path.join(scriptsDir, 'inject.sh'), path.join(lonely, 'inject.sh'));

		const result = spawnSync(shell.command[0]!, [...shell.command.slice(1), path.join(lonely, 'inject.sh')], {encoding: 'utf8'});

		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toBe(
			`proxyinject: ${lonely}/common.sh is missing; the config map must carry every script of kubectl-proxyinject`,
		);
	});

	test('a source without the managed marker is not installed', async () => {
		node.config('[Service]\nEnvironment="HTTP_PROXY=http://proxy:3128"\n');

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(1);
		expect(node.hasDropIn(containerd)).toBe(false);
	});

	describe('credentials', () => {
		const secretProxy = {
			HTTP_PROXY: 'http://alice:s3cr%2Fet@proxy.example:3128',
			HTTPS_PROXY: 'http://alice:s3cr%2Fet@proxy.example:3128',
			NO_PROXY: 'localhost',
		};
		const leaks = (text: string) => ['s3cr', 'alice:'].filter(piece => text.includes(piece));

		test('the secret wins over the config map and is written 0600', async () => {
			node.config(dropIn(proxy));
			node.secret(dropIn(secretProxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(0);
			expect(node.readDropIn(containerd)).toBe(dropIn(secretProxy));
			expect(statSync(node.dropInPath(containerd)).mode & 0o777).toBe(0o600);
			expect(leaks(result.stdout + result.stderr)).toEqual([]);
		});

		test('second run with credentials (%% in the file) does not restart', async () => {
			node.secret(dropIn(secretProxy));
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
			node.clearCalls();

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.stdout).toContain('already configured, nothing to do');
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test('never printed, not even in the status shown on failure', async () => {
			node.unit(containerd, {active: true, never: true});
			node.secret(dropIn(secretProxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain('using HTTP_PROXY=http://***@proxy.example:3128');
			expect(leaks(result.stdout + result.stderr)).toEqual([]);
		});
	});

	test('hostile content is written byte for byte and nothing in it runs', async () => {
		const canary = path.join(node.root, 'pwned');
		const hostile = {
			HTTP_PROXY: `http://proxy.example:3128/$(touch ${canary})`,
			HTTPS_PROXY: `http://proxy.example:3128/\`touch ${canary}\``,
			NO_PROXY: `localhost,*.corp;touch ${canary},100%,$HOME,'q'`,
		};
		node.config(dropIn(hostile));

		const first = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
		node.clearCalls();
		const second = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(first.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(hostile));
		expect(node.readDropIn(containerd)).toContain('100%%');
		expect(existsSync(canary)).toBe(false);
		// The parser matched systemd's quoted `show` output, so no needless restart.
		expect(second.stdout).toContain('already configured, nothing to do');
		expect(node.systemctlCalls('restart')).toEqual([]);
	});
});
