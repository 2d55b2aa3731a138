import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {scriptSums, verifiedRun} from '../../source/manifests/verified-run.ts';
import {shells} from '../scripts/fake-node.ts';

const scripts = {
	'common.sh': 'greeting=hello\n',
	'inject.sh': '. "$(dirname "$0")/common.sh"\necho "$greeting from $(dirname "$0")"\ntouch "$CANARY"\n',
};

for (const shell of shells) describe.skipIf(!shell.available)(`the init container's command under ${shell.name}`, () => {
	let dir: string;
	let configDir: string;
	let canary: string;

	beforeEach(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'proxyinject-verified-'));
		configDir = path.join(dir, 'config');
		canary = path.join(dir, 'ran');
		spawnSync('mkdir', [configDir]);
		for (const [name, text] of Object.entries(scripts)) writeFileSync(path.join(configDir, name), text);
	});
	afterEach(() => rmSync(dir, {recursive: true, force: true}));

	function run(sums = scriptSums(scripts)) {
		return spawnSync(shell.command[0]!, [...shell.command.slice(1), '-c', verifiedRun, 'proxyinject', 'inject.sh'], {
			encoding: 'utf8',
			env: {PATH: process.env.PATH, TMPDIR: dir, PROXYINJECT_CONFIG_DIR: configDir, PROXYINJECT_SCRIPT_SHA256SUMS: sums, CANARY: canary},
		});
	}

	it('runs copies of the scripts the template names, outside the config map mount', () => {
		const result = run();

		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^hello from \//);
		expect(result.stdout).not.toContain(configDir);
		expect(existsSync(canary)).toBe(true);
	});

	it.each(['inject.sh', 'common.sh'])('refuses to run anything when %s was edited in the config map', name => {
		writeFileSync(path.join(configDir, name), `${scripts[name as keyof typeof scripts]}echo owned\n`);

		const result = run();

		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(existsSync(canary)).toBe(false);
		expect(result.stderr).toMatch(new RegExp(`^proxyinject: refusing to run scripts that differ from the ones kubectl-proxyinject shipped with this pod: ${name.replace('.', '\\.')}: FAILED`));
		expect(result.stderr).toContain('the config map was edited; run kubectl-proxyinject apply (or remove) again');
	});

	it('refuses a script missing from the config map', () => {
		rmSync(path.join(configDir, 'common.sh'));

		const result = run();

		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toBe('proxyinject: common.sh is missing from the config map; run kubectl-proxyinject apply (or remove) again');
		expect(existsSync(canary)).toBe(false);
	});

	it('refuses a listed name that is a path', () => {
		const result = run(`${'0'.repeat(64)}  ../inject.sh`);

		expect(result.status).toBe(1);
		expect(result.stderr).toContain("names '../inject.sh', which is not a script file name");
	});
});

const shellcheck = spawnSync('shellcheck', ['--version'], {stdio: 'ignore'}).status === 0;
it.skipIf(!shellcheck && process.env.CI !== 'true')('the command passes shellcheck', () => {
	const result = spawnSync('shellcheck', ['-s', 'sh', '-'], {input: verifiedRun, encoding: 'utf8'});
	expect(result.stdout + result.stderr).toBe('');
	expect(result.status).toBe(0);
});
