// The script tests must never act on the machine that runs them, whatever
// shell or busybox build runs the scripts.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {dropIn, FakeNode, scriptsDir, shells} from './fake-node.ts';

const hostScripts = ['common.sh', 'detect-runtime.sh', 'inject.sh', 'remove.sh'];

test('the scripts in the pod call nsenter, systemctl and systemd-run only through host()', () => {
	for (const script of hostScripts) {
		const lines = readFileSync(path.join(scriptsDir, script), 'utf8').split('\n');
		const offending = lines.filter(line => {
			const code = line.replace(/#.*$/, '').replace(/"[^"]*"|'[^']*'/g, '""');
			return /(^|[;&|(`]|\$\()\s*(nsenter|systemctl|systemd-run)\b/.test(code);
		});
		expect(offending, script).toEqual([]);
	}
	const host = readFileSync(path.join(scriptsDir, 'common.sh'), 'utf8');
	expect(host).toContain('host() {\n\t"$PROXYINJECT_NSENTER" --target 1 --mount -- "$@"\n}');
});

for (const shell of shells) describe.skipIf(!shell.available)(`host access under ${shell.name}`, () => {
	let node: FakeNode;
	beforeEach(() => {
		node = new FakeNode(shell);
		node.unit('containerd.service', {active: true});
		node.config(dropIn({HTTP_PROXY: 'http://proxy.example:3128'}));
	});
	afterEach(() => node.remove());

	test.each(['inject.sh', 'remove.sh'] as const)('%s without PROXYINJECT_NSENTER does nothing at all', async script => {
		for (const value of ['', 'nsenter']) {
			const result = await node.run(script, {PROXYINJECT_NSENTER: value, PROXYINJECT_RUNTIME: 'containerd'});

			expect(result.code).toBe(1);
			expect(result.stderr.trim()).toBe(`proxyinject: PROXYINJECT_NSENTER must be the absolute path of nsenter, got '${value}'`);
		}
		expect(node.calls()).toEqual([]);
		expect(node.hasDropIn('containerd.service')).toBe(false);
	});

	test('every host call of a full run went through the nsenter stub', async () => {
		const result = await node.run('inject.sh', {PROXYINJECT_RUNTIME: 'containerd'});

		expect(result.code).toBe(0);
		const host = node.calls().filter(line => /^(systemctl|systemd-run) /.test(line));
		const viaStub = node.calls().filter(line => line.startsWith('nsenter --target 1 --mount -- '));
		expect(host.length).toBeGreaterThan(3);
		expect(viaStub.map(line => line.replace('nsenter --target 1 --mount -- ', ''))).toEqual(host);
	});

	test('a command called by name reaches a guard, and the run fails loudly', async () => {
		const rogue = path.join(node.root, 'rogue.sh');
		// No nsenter here: a shell that prefers its own applets would run the real one.
		writeFileSync(rogue, 'systemctl daemon-reload\nsystemd-run --unit=x true\n');

		await node.spawnScript(rogue);

		expect(node.calls()).toEqual([
			'UNSTUBBED systemctl (found on PATH) daemon-reload',
			'UNSTUBBED systemd-run (found on PATH) --unit=x true',
		]);
	});
});
