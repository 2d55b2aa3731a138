// Runs a program to completion and collects its output; never throws for a
// non-zero exit status (callers decide what a failure means).

import {spawn} from 'node:child_process';

export type RunResult = {stdout: string; stderr: string; code: number};

export type RunOptions = {
	input?: string;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	signal?: AbortSignal;
	/** Called with each chunk of stderr as it arrives (progress of long builds). */
	onStderr?: (chunk: string) => void;
};

export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env: options.env ?? process.env,
			cwd: options.cwd,
			signal: options.signal,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			options.onStderr?.(chunk);
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			resolve({stdout, stderr, code: code ?? (signal ? 128 : 1)});
		});
		child.stdin?.end(options.input);
	});
}

/** Like run, but a non-zero exit status is an error that shows the command and its stderr. */
export async function runOrThrow(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const shown = [command.split('/').at(-1), ...args].join(' ');
		throw new Error(`${shown} exited with ${result.code}: ${(result.stderr || result.stdout).trim().slice(-2000)}`);
	}

	return result;
}
