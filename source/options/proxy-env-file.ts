import {readFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {UsageError} from '../errors.ts';
import {parseProxyEnvFile} from '../settings/env-file.ts';
import type {Options} from './parse-options.ts';

export type Input = {
	readonly readFile: (path: string) => string;
	readonly readStdin: () => string;
	readonly stdinIsTerminal: boolean;
};

const processInput: Input = {
	readFile: path => readFileSync(path, 'utf8'),
	readStdin: () => readFileSync(0, 'utf8'),
	stdinIsTerminal: Boolean(process.stdin.isTTY),
};

/** The proxy settings of --proxy-env-file, under those given as flags (a flag wins). */
export function readProxyEnvFile(options: Options, input: Input = processInput): Options {
	const path = options.proxyEnvFile;
	if (path === undefined || options.help || options.version) {
		return options;
	}

	const fromStdin = path === '-';
	if (fromStdin && input.stdinIsTerminal) {
		throw new UsageError('--proxy-env-file -: standard input is a terminal', 'Pipe the file in: kubectl proxyinject apply --proxy-env-file - < proxy.env');
	}

	let text: string;
	try {
		text = fromStdin ? input.readStdin() : input.readFile(path);
	} catch (error) {
		const code = (error as {code?: unknown}).code;
		throw new UsageError(`--proxy-env-file ${path}: cannot read it${typeof code === 'string' ? ` (${code})` : ''}`, 'Pass the path of a readable file, or - to read standard input.');
	}

	const values = parseProxyEnvFile(fromStdin ? 'standard input' : path, text);
	const {proxy} = options;
	// A relative CA_FILE is relative to the file that names it, as a relative path in a kubeconfig is.
	const caFile = values.caFile === undefined ? undefined : resolve(fromStdin ? '.' : dirname(path), values.caFile);
	return {
		...options,
		caFiles: options.caFiles.length > 0 || caFile === undefined ? options.caFiles : [caFile],
		proxy: {
			...proxy,
			httpProxy: proxy.httpProxy ?? values.httpProxy,
			httpsProxy: proxy.httpsProxy ?? values.httpsProxy,
			noProxy: proxy.noProxy ?? values.noProxy,
		},
	};
}
