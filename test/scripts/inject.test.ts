import {spawn, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {parseNodeReport} from '../../source/inventory/node-report.ts';
import {dockerHandoverMark} from '../../source/manifests/names.ts';
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
		expect(calls.indexOf('systemctl daemon-reload')).toBeLessThan(calls.indexOf(`transient: systemctl restart ${containerd}`));
		expect(result.stdout.trim().split('\n').at(-1)).toBe(`proxyinject: ${containerd}: drop-in written, runtime restarted`);
		// Nothing of a finished restart stays on the host.
		expect(node.stateFiles()).toEqual([]);
	});

	test('the restart is handed to the host\'s systemd as a transient service', async () => {
		node.config(dropIn(proxy));

		await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		const handOver = node.calls().filter(line => line.startsWith('systemd-run '));
		expect(handOver).toHaveLength(1);
		expect(handOver[0]).toMatch(/^systemd-run --unit=proxyinject-restart-containerd\.service --collect .* \/bin\/sh -c <program> proxyinject-restart {2}containerd\.service 5 http-proxy\.conf http-proxy\.env$/);
		expect(node.calls().filter(line => line.startsWith('systemctl restart'))).toEqual([]);
	});

	test('every systemctl call goes through nsenter into the host mount namespace', async () => {
		node.config(dropIn(proxy));

		await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		// The transient restart service runs on the host, beside the script: its lines interleave.
		const calls = node.calls().filter(line => !line.startsWith('transient: '));
		calls.forEach((line, index) => {
			if (line.startsWith('systemctl ')) expect(calls[index - 1]).toBe(`nsenter --target 1 --mount -- ${line}`);
		});
		expect(calls.filter(line => line.startsWith('systemctl ')).length).toBeGreaterThan(2);
	});

	describe('the node\'s own account, as the termination message the kubelet reports', () => {
		const result = (terminationLog: string) => Object.fromEntries(readFileSync(terminationLog, 'utf8').trim().split(' ').slice(1).map(pair => pair.split('=') as [string, string]));
		const sha256 = (file: string) => spawnSync('sha256sum', [file], {encoding: 'utf8'}).stdout.slice(0, 64);

		test('a run that restarts the runtime says so, with the drop-in\'s sha256 and the PIDs before and after', async () => {
			node.config(dropIn(proxy));
			const terminationLog = path.join(node.root, 'termination-log');
			const before = node.mainPid(containerd);

			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TERMINATION_LOG: terminationLog});

			expect(readFileSync(terminationLog, 'utf8')).toMatch(/^proxyinject-result: \S/);
			expect(result(terminationLog)).toEqual({
				runtime: 'containerd',
				unit: containerd,
				'drop-in-sha256': sha256(node.dropInPath(containerd)),
				restarted: 'yes',
				'runtime-pid-before': String(before),
				'runtime-pid-after': String(node.mainPid(containerd)),
				seconds: expect.stringMatching(/^\d+$/),
			});
			expect(node.mainPid(containerd)).not.toBe(before);
			// The plugin reads exactly what the script writes.
			expect(parseNodeReport(readFileSync(terminationLog, 'utf8'))).toMatchObject({unit: containerd, restarted: true, runtimePidBefore: before, runtimePidAfter: node.mainPid(containerd)});
		});

		test('a run that changes nothing says the runtime was not restarted', async () => {
			node.config(dropIn(proxy));
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
			const terminationLog = path.join(node.root, 'termination-log');

			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TERMINATION_LOG: terminationLog});

			const pid = String(node.mainPid(containerd));
			expect(result(terminationLog)).toMatchObject({restarted: 'no', 'runtime-pid-before': pid, 'runtime-pid-after': pid});
		});

		test('no proxy setting reaches it, not even a password', async () => {
			node.config(dropIn({HTTPS_PROXY: 'http://user:s3cret@proxy.example:3128'}));
			const terminationLog = path.join(node.root, 'termination-log');

			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TERMINATION_LOG: terminationLog});

			expect(readFileSync(terminationLog, 'utf8')).not.toMatch(/proxy\.example|s3cret|user/);
		});
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

	describe('only the lines the plugin renders are accepted', () => {
		const canary = () => path.join(node.root, 'pwned');
		const good = 'Environment="HTTP_PROXY=http://proxy.example:3128"';
		const refused: Array<[string, string]> = [
			['a command run before the runtime', 'ExecStartPre=/bin/sh -c "touch CANARY"'],
			['another section', '[Unit]'],
			['another environment file', 'EnvironmentFile=/tmp/CANARY'],
			['a variable that is not a proxy setting', 'Environment="LD_PRELOAD=/tmp/CANARY.so"'],
			['a second assignment on the line', 'Environment="HTTP_PROXY=http://p:3128" "LD_PRELOAD=/x.so"'],
			['the other quoting', 'Environment=HTTP_PROXY="http://proxy.example:3128"'],
			['a shell special in a value', 'Environment="NO_PROXY=a;touch CANARY"'],
			['a systemd specifier', 'Environment="NO_PROXY=%h"'],
			['a carriage return', 'Environment="NO_PROXY=localhost"\r'],
			['an empty line', ''],
			['a variable set twice', good],
		];

		test.each(refused)('%s: the node fails naming the line, nothing is written, nothing runs', async (_what, line) => {
			const hostile = line.replaceAll('CANARY', canary());
			node.config([marker, '[Service]', good, hostile, ''].join('\n'));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			const last = result.stderr.trim().split('\n').at(-1)!;
			expect(last).toMatch(/is not a drop-in kubectl-proxyinject renders, refusing it and changing nothing: line 4: /);
			const shown = hostile.replaceAll('\r', '?');
			expect(last.endsWith(`:${` ${shown.slice(0, 120)}${shown.length > 120 ? '...' : ''}`.trimEnd()}`)).toBe(true);
			expect(existsSync(canary())).toBe(false);
			expect(node.calls()).toEqual([]);
			expect(readdirSync(node.systemdDir)).toEqual([]);
		});

		test('the hostile drop-in of the report: refused at its ExecStartPre line', async () => {
			node.config([marker, '[Service]', `ExecStartPre=/bin/sh -c 'touch ${canary()}'`, good, ''].join('\n'));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain(`line 3: only Environment="NAME=value" lines of the proxy variables are accepted: ExecStartPre=/bin/sh -c 'touch ${canary()}'`);
			expect(existsSync(canary())).toBe(false);
			expect(node.hasDropIn(containerd)).toBe(false);
			expect(node.calls()).toEqual([]);
		});

		test('a first line that only begins with the marker is refused', async () => {
			node.config([`${marker} ExecStartPre=/bin/true`, '[Service]', good, ''].join('\n'));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain('line 1: the first line is not the marker of kubectl-proxyinject');
		});

		test('a value over 32 KiB is refused (the kernel takes 128 KiB per variable)', async () => {
			node.config(dropIn({NO_PROXY: `${'a'.repeat(32_761)}.example`}));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain('line 3: NO_PROXY is longer than 32768 bytes');
			expect(node.calls()).toEqual([]);
		});

		test('a file over 256 KiB is refused before it is parsed', async () => {
			node.config(`${dropIn(proxy)}${'#'.repeat(262_144)}\n`);

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(/http-proxy\.conf is 262\d+ bytes, over the limit of 262144 bytes; refusing it/);
		});
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

	test('creates the drop-in directory when missing', async () => {
		node.config(dropIn(proxy));
		expect(existsSync(path.dirname(node.dropInPath(containerd)))).toBe(false);

		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
		expect(readdirSync(path.dirname(node.dropInPath(containerd)))).toEqual(['http-proxy.conf']);
	});

	test('a host without /etc/systemd/system is refused and nothing is created', async () => {
		const bare = new FakeNode(shell, {systemd: false});
		try {
			bare.unit(containerd, {active: true});
			bare.config(dropIn(proxy));

			const result = await bare.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr.trim()).toBe('proxyinject: this node has no /etc/systemd/system: it does not run systemd, so there is no runtime unit to give a proxy drop-in');
			expect(existsSync(path.join(bare.hostRoot, 'etc'))).toBe(false);
			expect(bare.calls()).toEqual([]);
		} finally {
			await bare.remove();
		}
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

	describe('a runtime that does not come back', () => {
		const changed = {...proxy, HTTP_PROXY: 'http://broken.example:3128'};
		/** Configured with `proxy`; the runtime cannot start with `changed`, which the config map now carries. */
		function configuredThenBroken(): void {
			node.writeDropIn(containerd, dropIn(proxy));
			node.unit(containerd, {active: true, loadedEnv: proxyEnv, dropIns: ['http-proxy.conf']});
			node.unitFlag(containerd, 'fails-with', 'broken.example');
			node.config(dropIn(changed));
		}

		test('with the new drop-in: the previous one is put back, the runtime restarted with it, the node fails', async () => {
			configuredThenBroken();

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
			expect(node.systemctlCalls('restart')).toEqual([`systemctl restart ${containerd}`, `systemctl restart ${containerd}`]);
			expect(node.runningEnv(containerd)).toEqual(proxyEnv);
			expect(result.stderr).toContain(`proxyinject: last lines of systemctl status ${containerd} when it failed:`);
			expect(result.stderr).toContain('using HTTP_PROXY=http://broken.example:3128');
			expect(result.stderr.trim().split('\n').at(-1)).toBe(
				`proxyinject: ${containerd} did not become active within 1s of its restart with the new drop-in; the previous drop-in (or none) is back and ${containerd} is running with it. `
				+ `To try again: fix the cause shown above, then delete /etc/systemd/system/.proxyinject/${containerd}.restart on the node, apply other settings or run remove`,
			);
		});

		test('the next run with the same settings fails the same way without touching the runtime', async () => {
			configuredThenBroken();
			const first = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});
			node.clearCalls();

			const second = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(second.code).toBe(1);
			expect(second.stderr.trim().split('\n').at(-1)).toBe(first.stderr.trim().split('\n').at(-1));
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(node.systemctlCalls('daemon-reload')).toEqual([]);
			expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
		});

		test('on a first apply: the drop-in goes again and the runtime runs without it', async () => {
			node.unitFlag(containerd, 'fails-with', 'proxy.example');
			node.config(dropIn(proxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(node.hasDropIn(containerd)).toBe(false);
			expect(existsSync(path.dirname(node.dropInPath(containerd)))).toBe(false);
			expect(node.runningEnv(containerd)).toEqual([]);
			expect(node.systemctlCalls('daemon-reload')).toHaveLength(2);
		});

		test('not even with the previous drop-in: the node fails saying it has no runtime', async () => {
			node.unit(containerd, {active: true, never: true});
			node.config(dropIn(proxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(result.seconds).toBeLessThan(10);
			expect(result.stderr).toContain('Active: activating (start)');
			expect(result.stderr).toContain('and after the previous drop-ins were put back:');
			expect(result.stderr.trim().split('\n').at(-1)).toBe(
				`proxyinject: ${containerd} did not become active within 1s of its restart, not even after the previous drop-ins were put back: the node has no running container runtime. See the status above and journalctl -u ${containerd}`,
			);
		});
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

		test('the secret wins; the password goes to a 0600 environment file, never into an Environment= line', async () => {
			node.config(dropIn(proxy));
			node.secret(dropIn(secretProxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(0);
			const envFile = `/etc/systemd/system/${containerd}.d/http-proxy.env`;
			expect(node.readDropIn(containerd)).toBe([marker, '[Service]', 'Environment="NO_PROXY=localhost"', `EnvironmentFile=-${envFile}`, ''].join('\n'));
			expect(statSync(node.dropInPath(containerd)).mode & 0o777).toBe(0o644);
			expect(leaks(node.readDropIn(containerd))).toEqual([]);
			expect(readFileSync(node.envFilePath(containerd), 'utf8')).toBe([
				marker,
				'HTTP_PROXY=http://alice:s3cr%2Fet@proxy.example:3128',
				'HTTPS_PROXY=http://alice:s3cr%2Fet@proxy.example:3128',
				'',
			].join('\n'));
			expect(statSync(node.envFilePath(containerd)).mode & 0o777).toBe(0o600);
			// What any local user can read: the loaded unit's Environment= (systemctl show).
			expect(readFileSync(path.join(node.stateDir, `${containerd}.env`), 'utf8')).toBe('NO_PROXY=localhost\n');
			expect(node.runningEnv(containerd)).toEqual(['NO_PROXY=localhost', 'HTTP_PROXY=http://alice:s3cr%2Fet@proxy.example:3128', 'HTTPS_PROXY=http://alice:s3cr%2Fet@proxy.example:3128']);
			expect(leaks(result.stdout + result.stderr)).toEqual([]);
		});

		test.skipIf(!existsSync('/usr/bin/systemd-analyze') && process.env.CI !== 'true')('systemd-analyze verify accepts the drop-in with its EnvironmentFile=', async () => {
			node.secret(dropIn({...secretProxy, NO_PROXY: 'localhost,100%,*.corp'}));
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
			const unitDir = path.join(node.root, 'units');
			mkdirSync(path.join(unitDir, `${containerd}.d`), {recursive: true});
			writeFileSync(path.join(unitDir, containerd), '[Unit]\nDescription=stub runtime\nDefaultDependencies=no\n\n[Service]\nExecStart=/bin/true\n');
			copyFileSync(node.dropInPath(containerd), path.join(unitDir, `${containerd}.d`, 'http-proxy.conf'));

			const result = spawnSync('/usr/bin/systemd-analyze', ['verify', '--man=no', '--generators=no', path.join(unitDir, containerd)], {
				cwd: unitDir,
				encoding: 'utf8',
				env: {...process.env, SYSTEMD_UNIT_PATH: unitDir, SYSTEMD_LOG_COLOR: '0'},
				timeout: 30_000,
			});

			expect({status: result.status, stderr: result.stderr}).toEqual({status: 0, stderr: ''});
			expect(node.readDropIn(containerd)).toContain('Environment="NO_PROXY=localhost,100%%,*.corp"');
		});

		test('a new password alone (same drop-in) restarts the runtime', async () => {
			node.secret(dropIn(secretProxy));
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
			const dropInBefore = node.readDropIn(containerd);
			node.secret(dropIn({...secretProxy, HTTP_PROXY: 'http://alice:n3w@proxy.example:3128'}));
			node.clearCalls();

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(0);
			expect(node.readDropIn(containerd)).toBe(dropInBefore);
			expect(node.systemctlCalls('restart')).toHaveLength(1);
			expect(node.runningEnv(containerd)).toContain('HTTP_PROXY=http://alice:n3w@proxy.example:3128');
		});

		test('credentials dropped later: the environment file goes', async () => {
			node.secret(dropIn(secretProxy));
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
			rmSync(node.secretDir, {recursive: true});
			node.config(dropIn(proxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(0);
			expect(existsSync(node.envFilePath(containerd))).toBe(false);
			expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
			expect(node.runningEnv(containerd)).toEqual(proxyEnv);
		});

		test('an environment file kubectl-proxyinject did not write is refused', async () => {
			node.secret(dropIn(secretProxy));
			node.hostFile(`/etc/systemd/system/${containerd}.d/http-proxy.env`, 'HTTP_PROXY=http://theirs:3128\n');

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain(`/etc/systemd/system/${containerd}.d/http-proxy.env was not written by kubectl-proxyinject and is left untouched`);
			expect(node.hasDropIn(containerd)).toBe(false);
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
			node.unit(containerd, {active: true});
			node.unitFlag(containerd, 'fails-with', 'NO_PROXY');
			node.secret(dropIn(secretProxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(result.stderr).toContain('using NO_PROXY=localhost');
			expect(leaks(result.stdout + result.stderr)).toEqual([]);
		});
	});

	test('every character the plugin allows is written and read back without a needless restart', async () => {
		const unusual = {
			HTTP_PROXY: 'http://proxy.example:3128/p(a)th*+,=?!~#',
			HTTPS_PROXY: 'http://[fd00::1]:3128',
			NO_PROXY: 'localhost,*.corp,100%,[fd00::2]:443,{x}^_',
		};
		node.config(dropIn(unusual));

		const first = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});
		node.clearCalls();
		const second = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(first.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(unusual));
		expect(node.readDropIn(containerd)).toContain('100%%');
		// The parser matched systemd's quoted `show` output, so no needless restart.
		expect(second.stdout).toContain('already configured, nothing to do');
		expect(node.systemctlCalls('restart')).toEqual([]);
	});

	describe('nothing is left behind, nothing is half-written', () => {
		test('temporary files of a run that died before its rename are deleted; files not ours stay', async () => {
			const dir = path.dirname(node.dropInPath(containerd));
			mkdirSync(dir, {recursive: true});
			writeFileSync(path.join(dir, '.http-proxy.conf.Ab12Cd'), dropIn(proxy), {mode: 0o600});
			writeFileSync(path.join(dir, '.http-proxy.env.Xy34Zw'), `${marker}\nHTTP_PROXY=http://alice:pw@proxy:3128\n`, {mode: 0o600});
			writeFileSync(path.join(dir, '.http-proxy.conf.theirs'), 'not ours\n');
			node.config(dropIn(proxy));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(0);
			expect(readdirSync(dir).sort()).toEqual(['.http-proxy.conf.theirs', 'http-proxy.conf']);
			expect(result.stdout).toContain(`removed /etc/systemd/system/${containerd}.d/.http-proxy.conf.Ab12Cd, left by a run that was stopped half-way`);
		});

		test('a run killed after writing, before its restart: the next run restarts, with the saved previous drop-in for a roll-back', async () => {
			node.writeDropIn(containerd, dropIn(proxy));
			node.unit(containerd, {active: true, loadedEnv: proxyEnv, dropIns: ['http-proxy.conf']});
			const changed = {...proxy, HTTP_PROXY: 'http://broken.example:3128'};
			node.unitFlag(containerd, 'fails-with', 'broken.example');
			node.config(dropIn(changed));
			// What the killed run left: the new file written, the old one saved.
			mkdirSync(path.join(node.systemdDir, '.proxyinject', `${containerd}.previous`), {recursive: true});
			writeFileSync(path.join(node.systemdDir, '.proxyinject', `${containerd}.previous`, 'http-proxy.conf'), dropIn(proxy));
			node.writeDropIn(containerd, dropIn(changed));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd', PROXYINJECT_TIMEOUT: '1'});

			expect(result.code).toBe(1);
			expect(result.stdout).toContain('drop-in already in place but not loaded');
			expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
			expect(node.runningEnv(containerd)).toEqual(proxyEnv);
		});
	});

	test('inject and remove never run at once: a run waits for the lock on /etc/systemd/system', async () => {
		node.config(dropIn(proxy));
		const holder = spawn('flock', [node.systemdDir, 'sh', '-c', 'echo held; read line'], {stdio: ['pipe', 'pipe', 'inherit']});
		await new Promise<void>(resolve => holder.stdout.on('data', () => resolve()));
		let waiting!: () => void;
		const waited = new Promise<void>(resolve => (waiting = resolve));

		const run = node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'}, stdout => {
			if (stdout.includes('holds the lock on /etc/systemd/system; waiting up to 45s')) waiting();
		});
		await waited;
		expect(node.calls()).toEqual([]);
		expect(node.hasDropIn(containerd)).toBe(false);
		holder.stdin.end();
		const result = await run;

		expect(result.code).toBe(0);
		expect(node.readDropIn(containerd)).toBe(dropIn(proxy));
	});

	describe('on docker, whose restart stops this container too', () => {
		const docker = 'docker.service';
		beforeEach(() => {
			node.unit(docker, {active: true});
			node.unitFlag(docker, 'kills');
			node.config(dropIn(proxy));
		});

		test('the run stopped by the restart is followed by one that reports it; docker restarts once', async () => {
			const killed = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker'});

			expect(killed.signal).toBe('SIGKILL');
			expect(killed.stdout).toContain('docker.service: restarting docker stops every container on this node, this one too');
			const rerun = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker'});

			expect(rerun.stderr).toBe('');
			expect(rerun.code).toBe(0);
			expect(rerun.stdout.trim().split('\n').at(-1)).toMatch(/^proxyinject: docker\.service: restarted at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ for these settings; it runs with them$/);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart docker.service']);
			expect(node.runningEnv(docker)).toEqual(proxyEnv);
			expect(node.stateFiles()).toEqual([]);

			node.clearCalls();
			const third = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker'});
			expect(third.stdout).toContain('docker.service: already configured, nothing to do');
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test('the run after the hand-over reports the restart with the PID docker had before it', async () => {
			const terminationLog = path.join(node.root, 'termination-log');
			const before = node.mainPid(docker);
			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TERMINATION_LOG: terminationLog});

			await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TERMINATION_LOG: terminationLog});

			expect(readFileSync(terminationLog, 'utf8')).toMatch(new RegExp(`^proxyinject-result: runtime=docker unit=docker\\.service drop-in-sha256=[0-9a-f]{64} restarted=yes runtime-pid-before=${before} runtime-pid-after=${node.mainPid(docker)} seconds=\\d+\\n$`));
			expect(node.mainPid(docker)).not.toBe(before);
		});

		test('the run stopped by the restart leaves the hand-over mark as its termination message, which the plugin reads', async () => {
			const terminationLog = path.join(node.root, 'termination-log');

			const killed = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TERMINATION_LOG: terminationLog});

			expect(killed.signal).toBe('SIGKILL');
			expect(readFileSync(terminationLog, 'utf8').trim()).toBe(dockerHandoverMark);
		});

		test('stopped with TERM, as docker stops a container first, the run exits 143 with the hand-over mark', async () => {
			node.unitFlag(docker, 'kills', 'TERM');
			const terminationLog = path.join(node.root, 'termination-log');

			const stopped = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TERMINATION_LOG: terminationLog});

			expect(stopped.code).toBe(143);
			expect(readFileSync(terminationLog, 'utf8').trim()).toBe(dockerHandoverMark);
		});

		test('with live-restore (the container survives) the same run reports the restart', async () => {
			rmSync(path.join(node.stateDir, `${docker}.kills`));

			const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker'});

			expect(result.code).toBe(0);
			expect(result.stdout.trim().split('\n').at(-1)).toBe('proxyinject: docker.service: drop-in written, runtime restarted');
		});

		test('docker that does not come back is rolled back on the host, and the next run fails with the reason', async () => {
			node.unitFlag(docker, 'fails-with', 'proxy.example');

			const killed = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TIMEOUT: '1'});
			expect(killed.signal).toBe('SIGKILL');
			const rerun = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'docker', PROXYINJECT_TIMEOUT: '1'});

			expect(rerun.code).toBe(1);
			expect(rerun.stderr.trim().split('\n').at(-1)).toMatch(/^proxyinject: docker\.service did not become active within 1s of its restart with the new drop-in; the previous drop-in \(or none\) is back/);
			expect(node.hasDropIn(docker)).toBe(false);
			expect(node.runningEnv(docker)).toEqual([]);
			expect(node.systemctlCalls('restart')).toHaveLength(2);
		});
	});
});