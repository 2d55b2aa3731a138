// The interactive UI in a real terminal against the real test cluster: the
// acceptance scenario a person goes through, key by key, reading the screen.

import {readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {exitCodeForOutcome} from '../../source/exit-code.ts';
import {findCachedBinaries} from '../cluster/binaries.ts';
import {startCluster, type TestCluster} from '../cluster/cluster.ts';
import {failingInjectLog} from '../cluster/fake-logs.ts';
import {runOrThrow} from '../cluster/run.ts';
import {injectorPods} from './cluster-state.ts';
import {pluginPath} from './plugin.ts';
import {haveTmux, startTmux, type TmuxSession} from './tmux.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const required = process.env['CI'] === 'true';
const binaries = await findCachedBinaries();
const tmuxFound = await haveTmux();
const missing = [binaries.found ? undefined : binaries.reason, tmuxFound ? undefined : 'tmux is not installed'].filter(Boolean);

const size = {width: 120, height: 40};
// Stable text: no colours, a terminal Ink and our symbols know; nothing of the test runner leaks in.
const terminalEnv = {TERM: 'xterm-256color', NO_COLOR: '1', FORCE_COLOR: undefined, NODE_ENV: undefined, VITEST: undefined, KUBECONFIG: ''};

describe.skipIf(missing.length > 0 && !required)('interactive UI in tmux', () => {
	let cluster: TestCluster | undefined;
	let terminal: TmuxSession | undefined;

	beforeAll(async () => {
		expect(missing, 'needed when CI=true').toEqual([]);
		await ensureBuilt();
		cluster = await startCluster({name: 'e2e-tui', containerd: 5, fail: ['containerd-2']}, {binaries: binaries.found ? binaries.binaries : undefined});
	});

	afterEach(async () => {
		await terminal?.kill();
		terminal = undefined;
	});

	afterAll(async () => {
		await cluster?.stop();
	});

	const openUi = async () => {
		terminal = await startTmux({
			...size,
			cwd: root,
			env: terminalEnv,
			command: [pluginPath, '--kubeconfig', cluster!.kubeconfig, '--https-proxy', 'http://proxy.corp:3128'],
		});
		return terminal;
	};

	/** One key, then wait until the screen shows what it did: Ink reads a multi-key chunk as a paste. */
	const press = async (key: string, shows: string | RegExp, timeoutMs?: number) => {
		await terminal!.press(key);
		return terminal!.waitForScreen(shows, timeoutMs);
	};

	it('applies to three picked nodes one by one, skips the failing one and exits 1', async () => {
		const tui = await openUi();
		const home = await tui.waitForScreen('nodes 1-5 of 5', 30_000);
		expect(home).toContain('HTTPS_PROXY http://proxy.corp:3128');
		expect(home.match(/^. containerd-\d .* unconfigured$/gm), 'a fresh cluster').toHaveLength(5);

		await press('a', 'pick the nodes (5 of 5 selected)');
		await press('n', '(0 of 5 selected)');
		await press('Space', '(1 of 5 selected)');
		await press('j', /^❯ \[ \] containerd-2 /m);
		await press('Space', '(2 of 5 selected)');
		await press('j', /^❯ \[ \] containerd-3 /m);
		const picked = await press('Space', '(3 of 5 selected)');
		for (const node of [1, 2, 3]) {
			expect(picked).toMatch(new RegExp(`^. \\[x\\] containerd-${node} `, 'm'));
		}

		for (const node of [4, 5]) {
			expect(picked).toMatch(new RegExp(`^. \\[ \\] containerd-${node} `, 'm'));
		}

		const plan = await press('Enter', /Type 3 .* or yes/, 30_000);
		expect(plan).toContain('Apply the proxy on 3 nodes, node by node, 1 at a time (3 batches)');
		expect(plan).toMatch(/write \/etc\/systemd\/system\/containerd\.service\.d\/http-proxy\.conf on 3 nodes/);
		expect(plan).toContain('HTTPS_PROXY=http://proxy.corp:3128');
		expect(plan.match(/^ {2}containerd-\d +containerd +\d+ pods?$/gm)?.map(line => line.trim().split(/\s+/)[0])).toEqual(['containerd-1', 'containerd-2', 'containerd-3']);

		await press('3', /^> 3_$/m);
		await press('Enter', 'Batch 2 of 3 is next: 1 node (containerd-2)', 60_000);
		// The question can show a frame before the events that led to it.
		const first = await tui.waitForScreen(/done +containerd-1\b/);
		expect(first).toContain('Batch 2 of 3 is next');
		expect(first).toMatch(/\] 1\/3 +done 1 . failed 0 . skipped 0 . held 2\b/);
		expect(first).not.toMatch(/(done|failed) +containerd-[23]\b/);

		const failure = await press('c', '[s] skip this node', 60_000);
		expect(failure).toMatch(/containerd-2 failed: CrashLoopBackOff/);
		expect(failure).toMatch(/exit code: 1\b/);
		expect(failure).toContain(failingInjectLog.at(-1));
		expect(failure).not.toMatch(/done +containerd-3\b/);

		await press('s', 'Batch 3 of 3 is next: 1 node (containerd-3)', 30_000);
		const summary = await press('c', /Failed: apply the proxy/, 60_000);
		expect(summary).toMatch(/done +containerd-1\b/);
		expect(summary).toMatch(/failed +containerd-2\b/);
		expect(summary).toMatch(/done +containerd-3\b/);
		expect(summary).toMatch(/^done 2 . failed 1 . skipped 0 . held 0$/m);
		expect(summary).toMatch(/^failed: containerd-2$/m);

		const code = await tui.waitForExit(30_000);
		// What the UI maps a rollout with a failed node to: 1.
		expect(code).toBe(exitCodeForOutcome('failed'));
		expect(code).toBe(1);

		const pods = await injectorPods(cluster!);
		expect(pods).toHaveProperty('containerd-1');
		expect(pods).toHaveProperty('containerd-3');
		expect(pods).not.toHaveProperty('containerd-4');
		expect(pods).not.toHaveProperty('containerd-5');
	});

	it('lays the home screen out again when the terminal is resized', async () => {
		const tui = await openUi();
		const full = await tui.waitForScreen('nodes 1-5 of 5', 30_000);
		expect(nodeRows(full)).toHaveLength(5);

		await tui.resize(120, 12);
		const short = await tui.waitForScreen(/^nodes 1-[1-4] of 5$/m);
		const shown = Number(/^nodes 1-(\d) of 5$/m.exec(short)![1]);
		expect(nodeRows(short)).toHaveLength(shown);
		const lines = short.split('\n');
		expect(lines.length).toBeLessThanOrEqual(12);
		// Nothing scrolled off: the session header is still on top, the key hints at the bottom.
		expect(lines[0]).toMatch(/^context kwok-e2e-tui /);
		expect(lines.at(-1)).toMatch(/\[a\] apply .*\[q\] quit$/);

		await tui.resize(80, 12);
		const narrow = await tui.waitForScreen(/^. contain\S*… /m);
		// Each row still fits on one line: names give way, the columns stay.
		expect(nodeRows(narrow).length).toBeGreaterThan(0);
		for (const row of nodeRows(narrow)) {
			expect(row.length).toBeLessThanOrEqual(80);
			expect(row).toMatch(/^. contain\S*… +Ready +linux\/amd64 +containerd:\/\/\S+ +\d+ pods?/);
		}

		expect(narrow.split('\n').at(-1)).toMatch(/\[q\] quit$/);

		await tui.resize(120, 40);
		const restored = await tui.waitForScreen('nodes 1-5 of 5');
		expect(restored).toMatch(/^. containerd-5 /m);

		await press('q', /^EXIT=0$/m);
	});
});

/** Table rows of the home screen: the cursor column, then a node name. */
function nodeRows(screen: string): string[] {
	return screen.split('\n').filter(line => /^. contain/.test(line));
}

/** dist/ is what bin/kubectl-proxyinject runs: build it when any source file is newer. */
async function ensureBuilt(): Promise<void> {
	const built = await stat(join(root, 'dist/cli.js')).then(info => info.mtimeMs, () => 0);
	const entries = await readdir(join(root, 'source'), {recursive: true, withFileTypes: true});
	const sources = await Promise.all(entries.filter(entry => entry.isFile()).map(async entry => (await stat(join(entry.parentPath, entry.name))).mtimeMs));
	if (Math.max(...sources) > built) {
		await runOrThrow('npm', ['run', 'build'], {cwd: root});
	}
}
