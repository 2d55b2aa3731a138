import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'kubectl-proxyinject');
const entry = join(root, 'dist', 'main.js');
const run = promisify(execFile);

function newestSourceTime(directory: string): number {
	return Math.max(0, ...readdirSync(directory, {withFileTypes: true}).map(item => {
		const path = join(directory, item.name);
		return item.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
	}));
}

function builtTime(): number {
	try {
		return statSync(entry).mtimeMs;
	} catch {
		return 0;
	}
}

let home: string;

beforeAll(async () => {
	if (builtTime() < newestSourceTime(join(root, 'source'))) {
		await run('npm', ['run', 'build'], {cwd: root});
	}

	home = mkdtempSync(join(tmpdir(), 'cli-home-'));
}, 180_000);

afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});

type Result = {code: number; stdout: string; stderr: string};

/** Runs the installed entry point with no terminal, no kubeconfig and nothing that points at a cluster. */
async function cli(...args: string[]): Promise<Result> {
	const env = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home};
	try {
		const {stdout, stderr} = await run(bin, args, {env, cwd: home, timeout: 30_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code?: number; stdout?: string; stderr?: string};
		if (typeof failed.code !== 'number') {
			throw error;
		}

		return {code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? ''};
	}
}

describe('kubectl-proxyinject (built entry point, no cluster)', () => {
	it('--help prints the overview, the commands and the exit codes', async () => {
		const result = await cli('--help');
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('kubectl proxyinject [status|apply|remove] [flags]');
		expect(result.stdout).toContain('Commands:');
		expect(result.stdout).toMatch(/Exit codes:\n {2}0 +done\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}130 /);
	});

	it('-h is --help', async () => {
		expect((await cli('-h')).stdout).toBe((await cli('--help')).stdout);
	});

	it('apply --help prints the apply flags and no command list', async () => {
		const result = await cli('apply', '--help');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('kubectl proxyinject apply [flags]');
		expect(result.stdout).toContain('--https-proxy URL');
		expect(result.stdout).toContain('--no-proxy LIST');
		expect(result.stdout).not.toContain('Commands:');
		expect(result.stdout).toContain('Exit codes:');
	});

	it('--version prints the package version', async () => {
		const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
		const result = await cli('--version');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`${version}\n`);
	});

	it('an unknown flag exits 2 with a suggestion', async () => {
		const result = await cli('status', '--contex', 'prod');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`error: unknown flag: --contex\nDid you mean --context? See 'kubectl proxyinject --help'.\n`);
	});

	it('an unknown command exits 2 with a suggestion', async () => {
		const result = await cli('staus');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('unknown command "staus"');
		expect(result.stderr).toContain('kubectl proxyinject status');
	});

	it.each([
		['http://user:s3cret@proxy.corp:3128$(reboot)', '$'],
		['http://user:s3cret@proxy.corp:3128\nExecStart=/bin/sh', '\n'],
		['http://user:s3cret@proxy;rm -rf:3128', ';'],
	])('a hostile --https-proxy %j exits 2 naming the flag and the position, never the password', async (value, bad) => {
		const result = await cli('apply', '--https-proxy', value, '--yes', '--kubeconfig', '/nonexistent');
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^error: --https-proxy "http:\/\/\*\*\*@/);
		expect(result.stderr).toContain(`(at position ${value.indexOf(bad) + 1})`);
		expect(result.stderr).not.toContain('s3cret');
		// It stops before any cluster: the missing kubeconfig is never looked at.
		expect(result.stderr).not.toContain('kubeconfig');
	});

	it('--proxy-env-file - reads standard input: a bad line exits 2 naming the line, never a value', async () => {
		const env = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home};
		const running = run(bin, ['apply', '--proxy-env-file', '-', '--yes', '--kubeconfig', '/nonexistent'], {env, cwd: home, timeout: 30_000});
		running.child.stdin?.end('HTTPS_PROXY=http://user:s3cret@proxy:3128\nPASSWORD=s3cret\n');
		const failed = await running.then(() => undefined, (error: unknown) => error as {code: number; stderr: string});
		expect(failed?.code).toBe(2);
		expect(failed?.stderr).toMatch(/^error: --proxy-env-file standard input, line 2: unknown variable PASSWORD\n/);
		expect(failed?.stderr).not.toContain('s3cret');
	});

	it('a password with a forbidden character is not echoed either', async () => {
		const result = await cli('apply', '--https-proxy', 'http://user:top secret@proxy:3128', '--yes');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--https-proxy');
		expect(result.stderr).not.toMatch(/top|secret/);
	});

	it.each([
		['apply', '--https-proxy', 'http://proxy.corp:3128'],
		['remove'],
	])('%s without a terminal and without --yes exits 2 before connecting', async (...args) => {
		const result = await cli(...args, '--kubeconfig', '/nonexistent');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`${args[0]} changes nodes and there is no terminal to confirm in`);
		expect(result.stderr).toContain('--yes');
	});

	it('status with a missing --kubeconfig exits 2 naming the file', async () => {
		const result = await cli('status', '--kubeconfig', '/nonexistent');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('error: --kubeconfig: file "/nonexistent" does not exist');
	});

	it('with no kubeconfig anywhere exits 1 instead of trying localhost', async () => {
		const result = await cli('status');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(`error: no kubeconfig: ${join(home, '.kube', 'config')} does not exist and KUBECONFIG is not set`);
	});

	it('-o on apply without --dry-run exits 2', async () => {
		const result = await cli('apply', '--https-proxy', 'http://proxy:3128', '-o', 'json', '--kubeconfig', '/nonexistent');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('-o/--output applies to status and --dry-run');
	});

	it('remove --dry-run prints the removal objects without a cluster', async () => {
		const result = await cli('remove', '--dry-run', '-ojson', '-n', 'proxy-system', '--kubeconfig', '/nonexistent');
		expect(result.code).toBe(0);
		const list = JSON.parse(result.stdout) as {items: {kind: string; metadata: {namespace: string}}[]};
		expect(list.items.map(item => item.kind)).toEqual(['ConfigMap', 'DaemonSet']);
		expect(list.items.every(item => item.metadata.namespace === 'proxy-system')).toBe(true);
	});
});
