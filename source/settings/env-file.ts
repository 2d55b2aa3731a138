import {UsageError} from '../errors.ts';
import {parseNoProxyList} from './no-proxy.ts';
import {parseProxyUrl} from './proxy-url.ts';

export type EnvFileValues = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
	/** CA_FILE: a --ca-file path as written in the file. */
	readonly caFile?: string;
};

type Key = keyof EnvFileValues;

const keys: Readonly<Record<string, Key>> = {
	HTTP_PROXY: 'httpProxy',
	HTTPS_PROXY: 'httpsProxy',
	NO_PROXY: 'noProxy',
	CA_FILE: 'caFile',
};

const formatHint = 'Each line is NAME=value with NAME one of HTTP_PROXY, HTTPS_PROXY, NO_PROXY (or http_proxy, https_proxy, no_proxy) or CA_FILE, '
	+ 'optionally after "export " and optionally in single or double quotes; lines starting with # are comments.';

/**
 * Proxy settings in the format of /etc/environment and systemd's
 * EnvironmentFile=, so that credentials need not be on the command line
 * (where `ps` and the shell history show them). Errors name the file and
 * the line, never a value: it may hold a password.
 */
export function parseProxyEnvFile(fileName: string, text: string): EnvFileValues {
	const values: Partial<Record<Key, {value: string; line: number; name: string}>> = {};
	const fail = (line: number, problem: string, hint = formatHint): never => {
		throw new UsageError(`--proxy-env-file ${fileName}, line ${line}: ${problem}`, hint);
	};

	for (const [index, raw] of text.split('\n').entries()) {
		const line = index + 1;
		const trimmed = raw.replace(/\r$/, '').trim();
		if (trimmed === '' || trimmed.startsWith('#')) {
			continue;
		}

		const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
		if (!assignment) {
			fail(line, 'not a NAME=value line');
		}

		const [, name, rawValue] = assignment!;
		const key = keys[name!.toUpperCase()];
		if (key === undefined || (name !== name!.toUpperCase() && name !== name!.toLowerCase())) {
			fail(line, `unknown variable ${name}`, `${formatHint} Other variables (ALL_PROXY, FTP_PROXY, ...) are not used by container runtimes' image pulls.`);
		}

		const value = unquote(rawValue!) ?? fail(line, `the value of ${name} has an unmatched or inner quote`);
		const earlier = values[key!];
		if (earlier !== undefined && earlier.value !== value) {
			fail(line, `${name} differs from ${earlier.name} on line ${earlier.line}`, 'Give each variable once, or the same value in both spellings.');
		}

		// An empty value means unset, as in a shell.
		if (value !== '') {
			values[key!] = earlier ?? {value, line, name: name!};
		}
	}

	// Checked here, so that a bad value is reported with its file and line.
	const checked: Record<string, string> = {};
	for (const [key, entry] of Object.entries(values) as [Key, {value: string; line: number; name: string}][]) {
		try {
			if (key === 'noProxy') {
				parseNoProxyList(entry.name, entry.value);
			} else if (key === 'caFile') {
				// A path: read and checked with --ca-file's.
			} else {
				parseProxyUrl(entry.name, entry.value);
			}
		} catch (error) {
			if (error instanceof UsageError) {
				throw new UsageError(`--proxy-env-file ${fileName}, line ${entry.line}: ${error.message}`, error.hint);
			}

			throw error;
		}

		checked[key] = entry.value;
	}

	return checked as EnvFileValues;
}

/** The value without its quotes, or undefined when the quoting is broken. */
function unquote(value: string): string | undefined {
	const quote = value[0];
	if (quote !== '"' && quote !== '\'') {
		return /["']/.test(value) ? undefined : value;
	}

	if (value.length < 2 || !value.endsWith(quote)) {
		return undefined;
	}

	const inner = value.slice(1, -1);
	return inner.includes(quote) ? undefined : inner;
}
