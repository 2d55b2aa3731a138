// Drives a program in a real terminal: a tmux server of its own (own socket,
// own config) runs one command in a pane of a fixed size; keys go in with
// send-keys, the screen comes back with capture-pane. Nothing it starts
// outlives kill().

import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {run, runOrThrow} from '../cluster/run.ts';
import {waitFor} from '../cluster/wait-for.ts';

export type TmuxOptions = {
	readonly command: readonly string[];
	readonly width: number;
	readonly height: number;
	readonly cwd?: string;
	/** Set for the command; undefined removes a variable the test process has. */
	readonly env?: Readonly<Record<string, string | undefined>>;
};

export type TmuxSession = {
	/** One key per call: a single character is typed as is, anything longer is a tmux key name (Enter, Space, Escape, Up, C-c). */
	press(key: string): Promise<void>;
	/** The visible screen, trailing blanks removed. */
	screen(): Promise<string>;
	/** Polls the screen until it contains `expected`, and returns that screen; fails early if the command has ended without it. */
	waitForScreen(expected: string | RegExp, timeoutMs?: number): Promise<string>;
	resize(width: number, height: number): Promise<void>;
	/** The command's exit status, read from the line the pane prints after it. */
	waitForExit(timeoutMs?: number): Promise<number>;
	/** Ends the server and every process of the pane; safe to call twice. */
	kill(): Promise<void>;
};

const sessionName = 'e2e';
const pollMs = 50;
const exitLine = /^EXIT=(\d+)$/m;

// A dead pane stays readable (remain-on-exit); no status line takes a row;
// the pane's shell is sh whatever the user's login shell is.
const config = `set -g default-shell /bin/sh
set -g status off
set -g remain-on-exit on
set -g history-limit 10000
`;

/** tmux is on PATH. */
export async function haveTmux(): Promise<boolean> {
	return run('tmux', ['-V']).then(result => result.code === 0, () => false);
}

export async function startTmux(options: TmuxOptions): Promise<TmuxSession> {
	const dir = await mkdtemp(join(tmpdir(), 'proxyinject-tmux-'));
	const socket = join(dir, 'socket');
	const configFile = join(dir, 'tmux.conf');
	await writeFile(configFile, config);
	// A test run inside tmux must not talk to the user's server.
	const {TMUX: _tmux, TMUX_PANE: _pane, ...env} = process.env;
	const tmux = async (args: readonly string[]) => (await runOrThrow('tmux', ['-u', '-S', socket, '-f', configFile, ...args], {env})).stdout;

	await tmux([
		'new-session', '-d', '-s', sessionName,
		'-x', String(options.width), '-y', String(options.height),
		...(options.cwd === undefined ? [] : ['-c', options.cwd]),
		`${shellCommand(options.command, options.env ?? {})}; echo "EXIT=$?"`,
	]).catch(async (error: unknown) => {
		await rm(dir, {recursive: true, force: true});
		throw error;
	});
	const panePid = Number.parseInt(await tmux(['display-message', '-p', '-t', sessionName, '#{pane_pid}']), 10);

	// Screen and liveness in one tmux call: the last line is #{pane_dead}.
	const capture = async () => {
		const lines = (await tmux(['capture-pane', '-p', '-t', sessionName, ';', 'display-message', '-p', '-t', sessionName, '#{pane_dead}'])).split('\n');
		lines.pop();
		const dead = lines.pop() === '1';
		return {screen: tidy(lines), dead};
	};

	let killed: Promise<void> | undefined;
	const session: TmuxSession = {
		async press(key) {
			await tmux(key.length === 1 ? ['send-keys', '-t', sessionName, '-l', key] : ['send-keys', '-t', sessionName, key]);
		},
		async screen() {
			return (await capture()).screen;
		},
		async waitForScreen(expected, timeoutMs = 10_000) {
			const found = (text: string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
			const deadline = Date.now() + timeoutMs;
			let ended = false;
			for (;;) {
				// The pane may have died after this capture: one more look once it is dead.
				const {screen, dead} = await capture();
				if (found(screen)) {
					return screen;
				}

				if (ended || Date.now() >= deadline) {
					const why = ended ? 'the command ended' : `timed out after ${timeoutMs} ms`;
					throw new Error(`the screen never showed ${String(expected)} (${why}); last screen:\n${screen}`);
				}

				ended = dead;
				await delay(pollMs);
			}
		},
		async resize(width, height) {
			await tmux(['resize-window', '-t', sessionName, '-x', String(width), '-y', String(height)]);
		},
		async waitForExit(timeoutMs = 30_000) {
			const screen = await session.waitForScreen(exitLine, timeoutMs);
			return Number(exitLine.exec(screen)![1]);
		},
		kill() {
			killed ??= (async () => {
				const processes = Number.isInteger(panePid) ? [panePid, ...(await sessionMembers(panePid))] : [];
				await tmux(['kill-server']).catch(() => {});
				await ensureExited(processes, 10_000);
				await rm(dir, {recursive: true, force: true});
			})();
			return killed;
		},
	};
	return session;
}

function quote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function shellCommand(command: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
	// env takes its options before the first assignment.
	const entries = Object.entries(env);
	const unset = entries.filter(([, value]) => value === undefined).flatMap(([name]) => ['-u', name]);
	const set = entries.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${value}`);
	return ['env', ...unset, ...set, ...command].map(word => quote(word)).join(' ');
}

function tidy(lines: readonly string[]): string {
	const trimmed = lines.map(line => line.trimEnd());
	while (trimmed.length > 0 && trimmed.at(-1) === '') {
		trimmed.pop();
	}

	return trimmed.join('\n');
}

/** Field 3 (state) and field 6 (session id) of /proc/<pid>/stat. */
async function readStat(pid: number): Promise<{state: string; session: number} | undefined> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {state: fields[0] ?? '', session: Number(fields[3])};
	} catch {
		return undefined;
	}
}

/** The pane's shell leads a session of its own: everything it started is in it. */
async function sessionMembers(leader: number): Promise<number[]> {
	const pids = (await readdir('/proc')).filter(entry => /^\d+$/.test(entry)).map(Number);
	const stats = await Promise.all(pids.map(async pid => ({pid, stat: await readStat(pid)})));
	return stats.filter(({pid, stat}) => pid !== leader && stat?.session === leader).map(({pid}) => pid);
}

async function running(pid: number): Promise<boolean> {
	const stat = await readStat(pid);
	return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** The pane's processes had SIGHUP from the closing terminal; what ignores it past `graceMs` gets SIGKILL. */
async function ensureExited(pids: readonly number[], graceMs: number): Promise<void> {
	const left = async () => (await Promise.all(pids.map(async pid => ((await running(pid)) ? pid : undefined)))).filter(pid => pid !== undefined);
	const gone = async () => ((await left()).length === 0 ? true : undefined);
	try {
		await waitFor(gone, {what: 'the terminal\'s processes to exit', timeoutMs: graceMs, pollMs});
	} catch {
		for (const pid of await left()) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Exited in between.
			}
		}

		await waitFor(gone, {what: 'the terminal\'s processes to die', timeoutMs: 5000, pollMs});
	}
}
