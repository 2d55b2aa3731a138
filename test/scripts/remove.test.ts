import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dropIn, FakeNode, shells} from './fake-node.ts';

const ours = dropIn({HTTP_PROXY: 'http://proxy.example:3128', NO_PROXY: 'localhost'});
const theirs = '[Service]\nEnvironment="HTTP_PROXY=http://theirs:3128"\n';

for (const shell of shells) describe.skipIf(!shell.available)(`remove.sh under ${shell.name}`, () => {
	let node: FakeNode;

	beforeEach(() => {
		node = new FakeNode(shell);
		for (const unit of ['containerd.service', 'docker.service', 'crio.service']) node.unit(unit, {active: true});
	});
	afterEach(() => node.remove());

	test('deletes our drop-in, reloads and restarts that runtime only', async () => {
		node.writeDropIn('containerd.service', ours);

		const result = await node.run('remove.sh');

		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(node.hasDropIn('containerd.service')).toBe(false);
		// The directory only held our file.
		expect(existsSync(path.dirname(node.dropInPath('containerd.service')))).toBe(false);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service']);
		expect(result.stdout.trim().split('\n').at(-1)).toBe('proxyinject: containerd.service: drop-in removed, runtime restarted');
	});

	test('keeps a drop-in directory that holds other files', async () => {
		node.writeDropIn('containerd.service', ours);
		const other = path.join(path.dirname(node.dropInPath('containerd.service')), 'limits.conf');
		node.hostFile(path.relative(node.hostRoot, other), '[Service]\nLimitNOFILE=1048576\n');

		await node.run('remove.sh');

		expect(node.hasDropIn('containerd.service')).toBe(false);
		expect(existsSync(other)).toBe(true);
	});

	test('leaves a drop-in it did not write, warns and succeeds', async () => {
		node.writeDropIn('docker.service', theirs);

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.readDropIn('docker.service')).toBe(theirs);
		expect(result.stderr).toContain(
			`proxyinject: warning: ${node.dropInPath('docker.service')} was not written by kubectl-proxyinject; left untouched`,
		);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(node.systemctlCalls('daemon-reload')).toEqual([]);
	});

	test('restarts every runtime whose drop-in it removed, and only those', async () => {
		node.writeDropIn('containerd.service', ours);
		node.writeDropIn('crio.service', ours);
		node.writeDropIn('docker.service', theirs);

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.systemctlCalls('daemon-reload')).toHaveLength(1);
		expect(node.systemctlCalls('restart')).toEqual(['systemctl restart containerd.service', 'systemctl restart crio.service']);
		expect(node.hasDropIn('docker.service')).toBe(true);
	});

	test('a runtime that is not running is not started', async () => {
		node.writeDropIn('crio.service', ours);
		node.unit('crio.service', {active: false});

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.hasDropIn('crio.service')).toBe(false);
		expect(node.systemctlCalls('restart')).toEqual([]);
		expect(result.stdout).toContain('crio.service: drop-in removed, runtime not running, left stopped');
	});

	test('second run changes nothing', async () => {
		node.writeDropIn('containerd.service', ours);
		await node.run('remove.sh');
		node.clearCalls();

		const result = await node.run('remove.sh');

		expect(result.code).toBe(0);
		expect(node.calls()).toEqual([]);
		expect(result.stdout.trim()).toBe('proxyinject: no drop-in of kubectl-proxyinject on this node, nothing to do');
	});

	test('a runtime that does not come back fails with its status', async () => {
		node.writeDropIn('containerd.service', ours);
		node.unit('containerd.service', {active: true, never: true});

		const result = await node.run('remove.sh', {PROXYINJECT_TIMEOUT: '1'});

		expect(result.code).toBe(1);
		expect(result.stderr).toContain('proxyinject: last lines of systemctl status containerd.service:');
		expect(result.stderr.trim().split('\n').at(-1)).toBe(
			'proxyinject: containerd.service is not active 1s after its restart; see the status above',
		);
	});
});
