// What check-drift.sh reports from a node, read from its container's
// termination message. That message is cluster data: anyone who may update
// the pod's status could have written it. So it is bounded, only known keys
// count, and every value must have its expected form; anything else makes
// the report invalid rather than half-read.

import {proxyVariables} from './expected-host-files.ts';

export type FileFact = 'absent' | 'matches' | 'differs';

export type CheckReport = {
	readonly unit: string;
	readonly unitLoaded: boolean;
	/** `foreign`: a file at our drop-in's path without our marker. */
	readonly dropIn?: FileFact | 'foreign';
	readonly envFile?: FileFact;
	/** Only when a CA bundle is expected. */
	readonly ca?: FileFact;
	readonly runtimePid?: number;
	readonly runtimeEnv?: 'matches' | 'differs' | 'not-running' | 'unreadable' | 'not-compared';
	/** Other drop-ins of the unit that set proxy variables: host path and the variables. */
	readonly others: ReadonlyArray<{readonly path: string; readonly variables: readonly string[]}>;
	readonly othersTruncated: boolean;
	/** The script could not check (its inputs or the key). */
	readonly error?: 'bad-input' | 'key-unreadable';
};

const maxMessage = 4096;
const maxLines = 32;

const fileFacts = ['absent', 'matches', 'differs'] as const;
const choices = {
	drop_in: [...fileFacts, 'foreign'],
	env_file: fileFacts,
	ca: fileFacts,
	runtime_env: ['matches', 'differs', 'not-running', 'unreadable', 'not-compared'],
	unit: ['containerd.service', 'docker.service', 'crio.service'],
	unit_loaded: ['yes', 'no'],
	others_truncated: ['yes'],
	error: ['bad-input', 'key-unreadable'],
	check: ['1'],
} as const satisfies Record<string, readonly string[]>;

function validFact(key: string, value: string): boolean {
	if (key === 'runtime_pid') {
		return /^\d{1,10}$/.test(value);
	}

	return Object.hasOwn(choices, key) && (choices[key as keyof typeof choices] as readonly string[]).includes(value);
}

function other(value: string) {
	const match = /^(\/[\w.\/@:+?-]{1,160}) ([A-Za-z_,]{1,100})$/.exec(value);
	const variables = match?.[2]!.split(',') ?? [];
	if (!match || variables.some(name => !(proxyVariables as readonly string[]).includes(name))) {
		return undefined;
	}

	return {path: match[1]!, variables};
}

/** The report, or why the message is not one. */
export function parseCheckReport(message: string | undefined): CheckReport | {readonly invalid: string} {
	if (message === undefined || message.trim() === '') {
		return {invalid: 'the check pod left no report'};
	}

	if (message.length > maxMessage) {
		return {invalid: `the report is ${message.length} characters long, over ${maxMessage}`};
	}

	const lines = message.replace(/\n$/, '').split('\n');
	if (lines.length > maxLines || lines[0] !== 'check=1') {
		return {invalid: 'the check pod\'s message is not a report of check-drift.sh'};
	}

	const facts: Record<string, string> = {};
	const others: Array<{path: string; variables: string[]}> = [];
	for (const [index, line] of lines.entries()) {
		const equals = line.indexOf('=');
		const key = line.slice(0, equals);
		const value = line.slice(equals + 1);
		const otherDropIn = key === 'other' ? other(value) : undefined;
		if (equals < 1 || (key === 'other' ? !otherDropIn : !validFact(key, value) || Object.hasOwn(facts, key))) {
			return {invalid: `line ${index + 1} of the check pod's report is not a known fact`};
		}

		if (otherDropIn) {
			others.push(otherDropIn);
		} else {
			facts[key] = value;
		}
	}

	if (facts['unit'] === undefined && facts['error'] === undefined) {
		return {invalid: 'the report names no unit'};
	}

	return {
		unit: facts['unit'] ?? '',
		unitLoaded: facts['unit_loaded'] === 'yes',
		...(facts['drop_in'] !== undefined && {dropIn: facts['drop_in'] as CheckReport['dropIn']}),
		...(facts['env_file'] !== undefined && {envFile: facts['env_file'] as FileFact}),
		...(facts['ca'] !== undefined && {ca: facts['ca'] as FileFact}),
		...(facts['runtime_pid'] !== undefined && {runtimePid: Number(facts['runtime_pid'])}),
		...(facts['runtime_env'] !== undefined && {runtimeEnv: facts['runtime_env'] as CheckReport['runtimeEnv']}),
		others,
		othersTruncated: facts['others_truncated'] === 'yes',
		...(facts['error'] !== undefined && {error: facts['error'] as CheckReport['error']}),
	};
}
