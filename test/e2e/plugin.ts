// Runs the built plugin the way kubectl does (bin/kubectl-proxyinject) with
// no terminal, against a test cluster's kubeconfig.

import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const pluginPath = fileURLToPath(new URL('../../bin/kubectl-proxyinject', import.meta.url));

export type PluginResult = {stdout: string; stderr: string; code: number};

export type PluginRun = {
	readonly child: ChildProcess;
	/** Everything printed so far on stdout and stderr. */
	output(): string;
	/** Resolves once the output contains `text`, or once `text(output)` holds (or rejects after `timeoutMs`). */
	waitForOutput(text: string | RegExp | ((output: string) => boolean), timeoutMs?: number): Promise<void>;
	readonly done: Promise<PluginResult>;
};

/** An empty `kubeconfig` passes no --kubeconfig, so that KUBECONFIG in `env` is used. */
export function startPlugin(kubeconfig: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): PluginRun {
	const child = spawn(pluginPath, kubeconfig ? [...args, '--kubeconfig', kubeconfig] : [...args], {
		env: {...process.env, KUBECONFIG: '', ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const listeners = new Set<() => void>();
	const changed = () => {
		for (const listener of listeners) {
			listener();
		}
	};

	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		changed();
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		changed();
	});
	const done = new Promise<PluginResult>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (code, signal) => {
			resolve({stdout, stderr, code: code ?? (signal === 'SIGKILL' ? 137 : 128)});
			changed();
		});
	});
	const output = () => stdout + stderr;
	return {
		child,
		output,
		done,
		waitForOutput(text, timeoutMs = 60_000) {
			const found = () => (typeof text === 'string' ? output().includes(text) : typeof text === 'function' ? text(output()) : text.test(output()));
			return new Promise((resolve, reject) => {
				const check = () => {
					if (found()) {
						cleanup();
						resolve();
					} else if (child.exitCode !== null || child.signalCode !== null) {
						cleanup();
						reject(new Error(`plugin exited before printing ${String(text)}:\n${output()}`));
					}
				};

				const timer = setTimeout(() => {
					cleanup();
					reject(new Error(`timed out waiting for ${String(text)} in:\n${output()}`));
				}, timeoutMs);
				const cleanup = () => {
					clearTimeout(timer);
					listeners.delete(check);
				};

				listeners.add(check);
				check();
			});
		},
	};
}

export function runPlugin(kubeconfig: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<PluginResult> {
	return startPlugin(kubeconfig, args, env).done;
}
