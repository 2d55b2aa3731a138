// Runs one command under GNU time (`/usr/bin/time -v`, Debian package
// `time`) and reports its wall-clock time, CPU time and peak resident memory
// next to its output.

import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const gnuTime = '/usr/bin/time';

export type Usage = {
	/** Measured here, around the process (ms). */
	readonly wallMs: number;
	readonly userS: number;
	readonly systemS: number;
	/** Peak resident set size over the process's life, execs included (KiB). */
	readonly maxRssKb: number;
};

export type TimedRun = Usage & {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	/** performance.now() when the process was started and when it ended. */
	readonly startedAt: number;
	readonly endedAt: number;
};

/** The fields we use from `time -v` output; undefined when it is not there (the command could not be run). */
export function parseTimeVerbose(text: string): Omit<Usage, 'wallMs'> | undefined {
	const field = (label: string) => {
		const match = new RegExp(`^\\s*${label.replaceAll(/[()]/g, String.raw`\$&`)}:\\s*([\\d.]+)\\s*$`, 'm').exec(text);
		return match ? Number(match[1]) : undefined;
	};

	const userS = field('User time (seconds)');
	const systemS = field('System time (seconds)');
	const maxRssKb = field('Maximum resident set size (kbytes)');
	return userS === undefined || systemS === undefined || maxRssKb === undefined ? undefined : {userS, systemS, maxRssKb};
}

export function haveGnuTime(): boolean {
	return existsSync(gnuTime);
}

export async function timedRun(argv: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<TimedRun> {
	const dir = await mkdtemp(join(tmpdir(), 'proxyinject-bench-time-'));
	const report = join(dir, 'time.txt');
	try {
		const startedAt = performance.now();
		const {code, stdout, stderr} = await spawnCollect(gnuTime, ['-v', '-o', report, ...argv], env, input);
		const endedAt = performance.now();
		const usage = parseTimeVerbose(await readFile(report, 'utf8').catch(() => ''));
		if (usage === undefined) {
			throw new Error(`${argv.join(' ')}: no usage report from ${gnuTime} (exit ${code}): ${stderr.trim().slice(-500)}`);
		}

		return {...usage, wallMs: endedAt - startedAt, code, stdout, stderr, startedAt, endedAt};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

function spawnCollect(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<{code: number; stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			resolve({code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')});
		});
		child.stdin?.end(input);
	});
}

/** Several processes one after the other, as one run: times and CPU add up, memory is the largest peak. */
export async function timedSequence(commands: readonly (readonly string[])[], env: NodeJS.ProcessEnv): Promise<TimedRun> {
	const runs: TimedRun[] = [];
	for (const argv of commands) {
		const run = await timedRun(argv, env);
		runs.push(run);
		if (run.code !== 0) {
			break;
		}
	}

	return {
		wallMs: runs.at(-1)!.endedAt - runs[0]!.startedAt,
		userS: runs.reduce((sum, run) => sum + run.userS, 0),
		systemS: runs.reduce((sum, run) => sum + run.systemS, 0),
		maxRssKb: Math.max(...runs.map(run => run.maxRssKb)),
		code: runs.find(run => run.code !== 0)?.code ?? 0,
		stdout: runs.map(run => run.stdout).join(''),
		stderr: runs.map(run => run.stderr).join(''),
		startedAt: runs[0]!.startedAt,
		endedAt: runs.at(-1)!.endedAt,
	};
}
