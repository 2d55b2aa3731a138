// Each command loads only what it needs: --help and --version neither the
// Kubernetes client nor the UI (nor the option parser), the plain path never
// the UI. Told by a module hook that records every module the run resolves.

import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';

const main = new URL('../source/main.ts', import.meta.url).pathname;
let dir: string;
let hook: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'load-on-demand-'));
	hook = join(dir, 'record.mjs');
	writeFileSync(hook, [
		`import {registerHooks} from 'node:module';`,
		`import {appendFileSync} from 'node:fs';`,
		`registerHooks({resolve(specifier, context, next) { const resolved = next(specifier, context); appendFileSync(process.env.LOADED, resolved.url + '\\n'); return resolved; }});`,
	].join('\n'));
});

afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

/** The packages a run loaded (by their folder under node_modules), and its output. */
function packagesLoaded(args: string[]): {packages: Set<string>; stdout: string; stderr: string} {
	const log = join(dir, `${args.join('_').replaceAll('/', '')}.log`);
	writeFileSync(log, '');
	// An empty KUBECONFIG path list keeps any real cluster out of reach; without a terminal the plain path runs.
	const result = spawnSync(process.execPath, ['--import', hook, main, ...args], {encoding: 'utf8', env: {PATH: process.env['PATH'], HOME: dir, KUBECONFIG: join(dir, 'none'), LOADED: log}});
	const packages = new Set(readFileSync(log, 'utf8').split('\n').flatMap(url => {
		const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
		return match ? [match[1]!] : [];
	}));
	return {packages, stdout: result.stdout, stderr: result.stderr};
}

test('--help and --version load no package at all', () => {
	for (const args of [['--help'], ['apply', '--help'], ['--version']]) {
		const {packages, stdout, stderr} = packagesLoaded(args);
		expect(stderr).toBe('');
		expect(stdout).not.toBe('');
		expect([...packages], args.join(' ')).toEqual([]);
	}
});

test('status and a plain rollout load the Kubernetes client but never the UI', () => {
	for (const args of [['status'], ['apply', '--https-proxy', 'http://proxy.corp:3128', '--yes']]) {
		const {packages, stderr} = packagesLoaded(args);
		expect(stderr).toMatch(/^error: no kubeconfig/);
		expect(packages.has('@kubernetes/client-node'), args.join(' ')).toBe(true);
		for (const ui of ['ink', 'react', 'react-reconciler', 'yoga-layout']) {
			expect(packages.has(ui), `${args.join(' ')} loaded ${ui}`).toBe(false);
		}
	}
});
