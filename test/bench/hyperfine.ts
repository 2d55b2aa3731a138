// Short commands timed by hyperfine (Debian package `hyperfine`), in rounds:
// every round runs every command, so a slow spell of the shared machine
// hits all of them alike instead of one.

import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runOrThrow} from '../cluster/run.ts';

export type TimedCommand = {
	readonly name: string;
	readonly argv: readonly string[];
	readonly env: Readonly<Record<string, string>>;
};

export type HyperfineOptions = {
	readonly rounds: number;
	readonly runsPerRound: number;
	readonly warmup: number;
};

type Export = {results: Array<{command: string; times: number[]; exit_codes: number[]}>};

/** hyperfine splits a command like a shell: quote what has spaces. */
function quote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/** `env NAME=value ... program args`: hyperfine runs every command with its own environment, without a shell. */
function commandLine(command: TimedCommand): string {
	const assignments = Object.entries(command.env).map(([key, value]) => quote(`${key}=${value}`));
	return ['env', ...assignments, ...command.argv.map(quote)].join(' ');
}

/** Wall-clock samples (ms) by command name. Fails if any run of any command fails. */
export async function hyperfine(commands: readonly TimedCommand[], options: HyperfineOptions): Promise<Map<string, number[]>> {
	const samples = new Map<string, number[]>(commands.map(command => [command.name, []]));
	const dir = await mkdtemp(join(tmpdir(), 'proxyinject-bench-hyperfine-'));
	try {
		for (let round = 0; round < options.rounds; round++) {
			const file = join(dir, `round-${round}.json`);
			const names = commands.flatMap(command => ['--command-name', command.name]);
			await runOrThrow('hyperfine', [
				'--shell=none',
				'--style', 'none',
				'--warmup', String(options.warmup),
				'--runs', String(options.runsPerRound),
				'--output', 'null',
				'--export-json', file,
				...names,
				...commands.map(command => commandLine(command)),
			]);
			const exported = JSON.parse(await readFile(file, 'utf8')) as Export;
			for (const [index, result] of exported.results.entries()) {
				samples.get(commands[index]!.name)!.push(...result.times.map(seconds => seconds * 1000));
			}
		}
	} finally {
		await rm(dir, {recursive: true, force: true});
	}

	return samples;
}
