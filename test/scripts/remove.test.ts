import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dropIn, FakeNode, marker, shells} from './fake-node.ts';

const oursProxy = {HTTP_PROXY: 'http://proxy.example:3128', NO_PROXY: 'localhost'};
const ours = dropIn(oursProxy);
const oursEnv = Object.entries(oursProxy).map(([name, value]) => `${name}=${value}`);
const theirs = '[Service]\nEnvironment="HTTP_PROXY=http://theirs:3128"\n';
const theirsEnv = ['HTTP_PROXY=http://theirs:3128'];

for (const shell of shells) describe.skipIf(!shell.available)(`remove.sh under ${shell.name}`, () => {
	let node: FakeNode;

	beforeEach(() => {
		node = new FakeNode(shell);
		for (const unit of ['containerd.service', 'docker.service', 'crio.service']) node.unit(unit, {active: true});
	});
	afterEach(() => node.remove());

	/** The state inject.sh leaves: our drop-in loaded, and the runtime started with it. */
	function injected(unit: string, active = true): void {
		node.writeDropIn(unit, ours);
		node.unit(unit, {active, loadedEnv: oursEnv, dropIns: ['http-proxy.conf']});
	}

	test('deletes our drop-in, reloads and restarts that runtime only', async () => {
		injected('containerd.service');

		const result = await node.run('remove.sh');

		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(node.hasDropIn('containerd.service')).toBe(false);
		// The directory only held our file.
		expect(existsSync(path.dirname(node.dropInPath('containerd.service')))).toBe(false);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
		expect(node.runningEnv('containerd.service')).toEqual([]);
		expect(result.stdout.trim().split('\n').at(-1)).toBe('proxyinject: containerd.service: drop-in removed, runtime restarted');
	});

	test('keeps a drop-in directory that holds other files', async () => {
		injected('containerd.service');
		const other = path.join(path.dirname(node.dropInPath('containerd.service')), 'limits.conf');
		node.hostFile(path.relative(node.hostRoot, other), '[Service]\nLimitNOFILE=1048576\n');

		await node.run('remove.sh');

		expect(node.hasDropIn('containerd.service')).toBe(false);
		expect(existsSync(other)).toBe(true);
	});

	test('leaves a drop-in it did not write, warns and succeeds', async () => {
		node.writeDropIn('docker.service', theirs);
		node.unit('docker.service', {active: true, loadedEnv: theirsEnv, dropIns: ['http-proxy.conf']});

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.readDropIn('docker.service')).toBe(theirs);
		expect(result.stderr).toContain(
			'proxyinject: warning: /etc/systemd/system/docker.service.d/http-proxy.conf was not written by kubectl-proxyinject; left untouched',
		);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(node.systemctlCalls('daemon-reload')).toEqual([]);
	});

	test('restarts every runtime whose drop-in it removed, and only those', async () => {
		injected('containerd.service');
		injected('crio.service');
		node.writeDropIn('docker.service', theirs);
		node.unit('docker.service', {active: true, loadedEnv: theirsEnv, dropIns: ['http-proxy.conf']});

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service', 'systemctl restart crio.service']);
		expect(node.hasDropIn('docker.service')).toBe(true);
	});

	test('a runtime that is not running is not started', async () => {
		injected('crio.service', false);

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.hasDropIn('crio.service')).toBe(false);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(result.stdout).toContain('crio.service: drop-in removed, runtime not running, left stopped');
	});

	test('a drop-in the running runtime never loaded is removed without a restart', async () => {
		node.writeDropIn('containerd.service', ours);

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.hasDropIn('containerd.service')).toBe(false);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(result.stdout).toContain('containerd.service: drop-in removed, runtime was not running with it, not restarted');
	});

	test('a removed drop-in and an unreadable process environment: restart, it may carry the proxy', async () => {
		injected('containerd.service');
		rmSync(path.join(node.procRoot, String(node.mainPid('containerd.service')), 'environ'));

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
	});

	test('second run changes nothing', async () => {
		injected('containerd.service');
		await node.run('remove.sh');
		node.clearCalls();

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('daemon-reload')).toEqual([]);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(result.stdout.trim()).toBe('proxyinject: no drop-in of kubectl-proxyinject on this node, nothing to do');
	});

	test('a runtime that does not come back without the drop-in gets it back, and the node fails', async () => {
		injected('containerd.service');
		node.unitFlag('containerd.service', 'never');

		const result = await node.run('remove.sh', {PROXYINJECT_TIMEOUT: '1'});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain('proxyinject: last lines of systemctl status containerd.service when it failed:');
		expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^proxyinject: containerd\.service did not become active within 1s of its restart, not even after the previous drop-ins were put back/);
		// Put back all the same.
		expect(node.readDropIn('containerd.service')).toBe(ours);
	});

	test('a runtime that cannot start without the proxy: the drop-in is put back and the runtime restarted with it', async () => {
		const marked = {...oursProxy, NO_PROXY: 'localhost,needed.example'};
		node.writeDropIn('containerd.service', dropIn(marked));
		node.unit('containerd.service', {active: true, loadedEnv: Object.entries(marked).map(([name, value]) => `${name}=${value}`), dropIns: ['http-proxy.conf']});
		node.unitFlag('containerd.service', 'fails-without', 'needed.example');

		const result = await node.run('remove.sh', {PROXYINJECT_TIMEOUT: '1'});

		expect(result.code).toBe(1);
		expect(node.readDropIn('containerd.service')).toBe(dropIn(marked));
		expect(node.systemctlCalls('restart')).toHaveLength(2);
		expect(node.runningEnv('containerd.service')).toContain('NO_PROXY=localhost,needed.example');
		expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^proxyinject: containerd\.service did not become active within 1s of its restart without the proxy drop-in; the drop-in is back and containerd\.service is running with it\./);

		node.clearCalls();
		const again = await node.run('remove.sh', {PROXYINJECT_TIMEOUT: '1'});
		expect(again.code).toBe(1);
		expect(node.systemctlCalls('restart')).toEqual([]);
	});

	test('deletes the environment file with the credentials too', async () => {
		const envFile = '/etc/systemd/system/containerd.service.d/http-proxy.env';
		node.hostFile(envFile, `${marker}\nHTTP_PROXY=http://alice:pw@proxy.example:3128\n`);
		node.writeDropIn('containerd.service', [marker, '[Service]', 'Environment="NO_PROXY=localhost"', `EnvironmentFile=-${envFile}`, ''].join('\n'));
		node.unit('containerd.service', {active: true, loadedEnv: ['NO_PROXY=localhost'], processEnv: ['NO_PROXY=localhost', 'HTTP_PROXY=http://alice:pw@proxy.example:3128'], dropIns: ['http-proxy.conf']});

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(existsSync(path.join(node.hostRoot, envFile))).toBe(false);
		expect(existsSync(path.dirname(node.dropInPath('containerd.service')))).toBe(false);
		expect(node.runningEnv('containerd.service')).toEqual([]);
		expect(node.stateFiles()).toEqual([]);
	});

	test('deletes temporary files a stopped run left, keeps what is not ours', async () => {
		const dir = path.dirname(node.dropInPath('crio.service'));
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, '.http-proxy.env.Q1w2E3'), `${marker}\nHTTP_PROXY=http://alice:pw@proxy:3128\n`, {mode: 0o600});
		writeFileSync(path.join(dir, 'limits.conf'), '[Service]\nLimitNOFILE=1048576\n');

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(readdirSync(dir)).toEqual(['limits.conf']);
	});

	test('on docker: the run stopped by the restart is followed by one that finishes and reports it', async () => {
		injected('docker.service');
		node.unitFlag('docker.service', 'kills');

		const killed = await node.run('remove.sh');
		expect(killed.signal).toBe('SIGKILL');
		expect(node.hasDropIn('docker.service')).toBe(false);
		const rerun = await node.run('remove.sh');

		expect(rerun.stderr).toBe('');
		expect(rerun.code).toBe(0);
		// Maybe after "a restart requested at ... is still running; waiting for its outcome".
		expect(rerun.stdout.trim().split('\n').at(-1)).toMatch(/^proxyinject: docker\.service: restarted at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ without the proxy$/);
		expect(rerun.stdout).not.toContain('nothing to do');
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart docker.service']);
		expect(node.runningEnv('docker.service')).toEqual([]);
		expect(node.stateFiles()).toEqual([]);
	});

	test('docker goes last, after the other runtimes', async () => {
		injected('docker.service');
		injected('crio.service');

		await node.run('remove.sh');

		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart crio.service', 'systemctl restart docker.service']);
	});

	describe('after a run that was stopped half-way', () => {
		test('stopped after the delete, before the reload: reloads and restarts once', async () => {
			injected('containerd.service');
			rmSync(node.dropInPath('containerd.service'));

			const result = await node.run('remove.sh');

			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
			expect(node.runningEnv('containerd.service')).toEqual([]);
			expect(result.stdout).toContain('containerd.service: systemd still has the deleted drop-in loaded');
		});

		test('stopped after the reload, before the restart: restarts once, then never again', async () => {
			injected('containerd.service');
			rmSync(node.dropInPath('containerd.service'));
			// Reloaded: the unit no longer sets the proxy, the running process still has it.
			node.unit('containerd.service', {active: true, loadedEnv: [], processEnv: oursEnv});

			const first = await node.run('remove.sh');

			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			expect(node.systemctlCalls('daemon-reload')).toEqual([]);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
			expect(node.runningEnv('containerd.service')).toEqual([]);
			expect(first.stdout).toContain('containerd.service: the runtime still runs with HTTP_PROXY NO_PROXY which its unit no longer sets; restarting it');
			expect(first.stdout.trim().split('\n').at(-1)).toBe('proxyinject: containerd.service: runtime restarted with the settings of its unit');

			node.clearCalls();
			const second = await node.run('remove.sh');

			expect(second.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(node.systemctlCalls('daemon-reload')).toEqual([]);
			expect(second.stdout.trim()).toBe('proxyinject: no drop-in of kubectl-proxyinject on this node, nothing to do');
		});

		test('a stale runtime that is not running is not started', async () => {
			node.unit('containerd.service', {active: false, loadedEnv: [], processEnv: oursEnv});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
		});
	});

	describe('proxy settings that are not ours stay loaded', () => {
		test('an unmanaged drop-in that sets HTTP_PROXY, in the unit and the process: no restart', async () => {
			node.hostFile('/etc/systemd/system/containerd.service.d/corp-proxy.conf', theirs);
			node.unit('containerd.service', {active: true, loadedEnv: theirsEnv, dropIns: ['corp-proxy.conf']});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
			expect(node.systemctlCalls('daemon-reload')).toEqual([]);
			expect(result.stdout.trim()).toBe('proxyinject: no drop-in of kubectl-proxyinject on this node, nothing to do');
		});

		test('ours removed beside an unmanaged one: restarts once, keeps theirs', async () => {
			injected('containerd.service');
			node.hostFile('/etc/systemd/system/containerd.service.d/zz-corp.conf', theirs);
			// theirs sorts last and wins HTTP_PROXY; NO_PROXY is ours alone.
			node.unit('containerd.service', {
				active: true,
				loadedEnv: ['NO_PROXY=localhost', ...theirsEnv],
				dropIns: ['http-proxy.conf', 'zz-corp.conf'],
			});

			await node.run('remove.sh');
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
			expect(node.runningEnv('containerd.service')).toEqual(theirsEnv);

			node.clearCalls();
			await node.run('remove.sh');
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test("systemd's own environment (DefaultEnvironment=) sets it: no restart", async () => {
			node.managerEnv(['HTTP_PROXY=http://corp:3128', "NO_PROXY=$'localhost,*.corp'"]);
			node.unit('containerd.service', {active: true, processEnv: ['HTTP_PROXY=http://corp:3128', 'NO_PROXY=localhost,*.corp']});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test("systemd's own environment has another value than the process: restart", async () => {
			node.managerEnv(['HTTP_PROXY=http://corp:3128']);
			node.unit('containerd.service', {active: true, processEnv: ['HTTP_PROXY=http://proxy.example:3128']});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
		});

		test('an EnvironmentFile= of the unit sets it: no restart', async () => {
			node.hostFile('/etc/default/docker', '# proxy for pulls\nexport HTTP_PROXY="http://corp:3128"\n');
			node.unit('docker.service', {
				active: true,
				processEnv: ['HTTP_PROXY=http://corp:3128'],
				envFiles: ['-/etc/sysconfig/docker', '-/etc/default/docker'],
			});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test('a required EnvironmentFile= that cannot be read is no proof: no restart', async () => {
			node.unit('docker.service', {active: true, processEnv: ['HTTP_PROXY=http://corp:3128'], envFiles: ['/etc/default/docker']});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual([]);
		});

		test('an optional EnvironmentFile= that does not exist sets nothing: restart', async () => {
			node.unit('docker.service', {active: true, processEnv: ['HTTP_PROXY=http://corp:3128'], envFiles: ['-/etc/default/docker']});

			const result = await node.run('remove.sh');

			expect(result.code).toBe(0);
			expect(node.systemctlCalls('restart')).toEqual(['systemctl restart docker.service']);
		});
	});

	test('proxy values never reach the log, only their names', async () => {
		const secret = 'http://alice:s3cret@proxy.example:3128';
		node.unit('containerd.service', {active: true, processEnv: [`HTTPS_PROXY=${secret}`, `https_proxy=${secret}`]});

		const result = await node.run('remove.sh');

		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
		expect(result.stdout).toContain('still runs with HTTPS_PROXY https_proxy which');
		expect(result.stdout + result.stderr).not.toContain('s3cret');
	});
});
