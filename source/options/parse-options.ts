import meow from 'meow';
import {UsageError} from '../errors.ts';
import type {RolloutMode} from '../engine/events.ts';
import {defaultImages} from '../manifests/images.ts';
import {defaultNamespace} from '../manifests/names.ts';
import type {RolloutOptions, Selection} from '../plan/types.ts';
import {parseDuration} from './duration.ts';
import {type CommandName, type FlagName, flagSpecs, flagText} from './flags.ts';
import {closest} from './suggest.ts';

export type Command = CommandName | 'home';

export type OutputFormat = 'table' | 'json' | 'yaml';

export type ProxyInput = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
	readonly noDefaultNoProxy: boolean;
};

export type KubeOptions = {
	readonly kubeconfig?: string;
	readonly context?: string;
	readonly namespace: string;
};

export type Options = {
	readonly command: Command;
	readonly help: boolean;
	readonly version: boolean;
	readonly proxy: ProxyInput;
	readonly rollout: RolloutOptions;
	readonly selection: Selection;
	readonly images: {readonly image: string; readonly pauseImage: string};
	readonly kube: KubeOptions;
	readonly yes: boolean;
	readonly dryRun: boolean;
	readonly output?: OutputFormat;
	readonly plain: boolean;
};

const commands: readonly CommandName[] = ['status', 'apply', 'remove'];

// yargs-parser (under meow) reads `--no-proxy x` as `--proxy=false`: these two
// flags are renamed before parsing so that their kubectl-style names work.
const negationLookalikes: Record<string, string> = {
	'--no-proxy': '--np-list',
	'--no-default-no-proxy': '--np-skip-defaults',
};

function renameNegationLookalikes(argv: readonly string[]): string[] {
	return argv.map(token => {
		const [name, ...rest] = token.split('=');
		const renamed = negationLookalikes[name!];
		return renamed === undefined ? token : [renamed, ...rest].join('=');
	});
}

const longNames = Object.keys(flagSpecs).map(name => flagText(name));
const shortNames = Object.values(flagSpecs).flatMap(spec => ('shortFlag' in spec ? [spec.shortFlag] : []));

function checkFlagNames(argv: readonly string[]): void {
	for (const token of argv) {
		if (token === '--') {
			return;
		}

		if (token.startsWith('--')) {
			const name = token.split('=')[0]!;
			if (!longNames.includes(name)) {
				const suggestion = closest(name, longNames);
				throw new UsageError(`unknown flag: ${name}`, suggestion ? `Did you mean ${suggestion}? See 'kubectl proxyinject --help'.` : `See 'kubectl proxyinject --help'.`);
			}
		} else if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
			const letter = token[1]!;
			if (!(shortNames as readonly string[]).includes(letter)) {
				throw new UsageError(`unknown shorthand flag: -${letter} in ${token}`, `See 'kubectl proxyinject --help'.`);
			}
		}
	}
}

function choice<T extends string>(flag: FlagName, value: string, allowed: readonly T[]): T {
	if ((allowed as readonly string[]).includes(value)) {
		return value as T;
	}

	throw new UsageError(`${flagText(flag)}: "${value}" is not one of ${allowed.join(', ')}`, `e.g. ${flagText(flag)} ${allowed[0]}`);
}

function positiveInteger(flag: FlagName, value: string): number {
	if (!/^\d+$/.test(value) || Number(value) < 1) {
		throw new UsageError(`${flagText(flag)}: "${value}" is not a whole number of at least 1`, `e.g. ${flagText(flag)} 3`);
	}

	return Number(value);
}

function list(value: string | undefined): string[] {
	return (value ?? '').split(',').map(item => item.trim()).filter(Boolean);
}

function checkFlagsFitCommand(command: Command, flags: Record<string, unknown>): void {
	if (command === 'home') {
		return;
	}

	for (const [name, spec] of Object.entries(flagSpecs)) {
		const given = flags[name] !== undefined && flags[name] !== false;
		if (given && !(spec.commands as readonly string[]).includes(command)) {
			throw new UsageError(`${flagText(name)} does not apply to "${command}"`, `It is used by: ${spec.commands.join(', ')}. See 'kubectl proxyinject ${command} --help'.`);
		}
	}

	if (command !== 'apply' && (flags['npList'] !== undefined || flags['npSkipDefaults'] === true)) {
		throw new UsageError(`--no-proxy and --no-default-no-proxy apply only to "apply"`, `See 'kubectl proxyinject apply --help'.`);
	}
}

/** Turns argv into validated options; throws UsageError for anything off. */
export function parseOptions(argv: readonly string[]): Options {
	checkFlagNames(argv);
	const meowFlags = Object.fromEntries(Object.entries(flagSpecs).map(([name, spec]) => [name, {type: spec.type, ...('shortFlag' in spec ? {shortFlag: spec.shortFlag} : {})}]));
	const cli = meow({
		importMeta: import.meta,
		argv: renameNegationLookalikes(argv),
		autoHelp: false,
		autoVersion: false,
		allowUnknownFlags: true,
		flags: {
			...meowFlags,
			npList: {type: 'string'},
			npSkipDefaults: {type: 'boolean'},
		},
	});
	const flags = cli.flags as Record<string, string | boolean | undefined>;
	const text = (name: FlagName | 'npList'): string | undefined => {
		const value = flags[name];
		if (value === '' || value === true) {
			const shown = name === 'npList' ? '--no-proxy' : flagText(name);
			throw new UsageError(`${shown} needs a value`, `e.g. ${shown} ${name === 'npList' ? '.corp.example' : ('value' in flagSpecs[name] ? flagSpecs[name].value : 'VALUE')}`);
		}

		return typeof value === 'string' ? value : undefined;
	};

	const [first, ...extra] = cli.input;
	let command: Command = 'home';
	if (first !== undefined) {
		if (!(commands as readonly string[]).includes(first)) {
			const suggestion = closest(first, commands);
			throw new UsageError(`unknown command "${first}"`, suggestion ? `Did you mean "kubectl proxyinject ${suggestion}"?` : `Commands: ${commands.join(', ')}.`);
		}

		command = first as CommandName;
	}

	if (extra.length > 0) {
		throw new UsageError(`unexpected argument "${extra[0]}"`, 'Flags take their value after a space or =, e.g. --nodes a,b.');
	}

	checkFlagsFitCommand(command, flags);
	const output = text('output');
	const dryRun = flags['dryRun'] === true;
	const formats: readonly OutputFormat[] = dryRun ? ['yaml', 'json'] : ['table', 'json', 'yaml'];
	const parallel = text('parallel');
	const timeout = text('timeout');
	const rollout = text('rollout');

	return {
		command,
		help: flags['help'] === true,
		version: flags['version'] === true,
		proxy: {
			httpProxy: text('httpProxy'),
			httpsProxy: text('httpsProxy'),
			noProxy: text('npList'),
			noDefaultNoProxy: flags['npSkipDefaults'] === true,
		},
		rollout: {
			mode: rollout === undefined ? 'node-by-node' : choice<RolloutMode>('rollout', rollout, ['node-by-node', 'all']),
			parallel: parallel === undefined ? 1 : positiveInteger('parallel', parallel),
			timeoutMs: timeout === undefined ? 300_000 : parseDuration('--timeout', timeout),
		},
		selection: {nodes: list(text('nodes')), selector: text('selector')},
		images: {image: text('image') ?? defaultImages.script, pauseImage: text('pauseImage') ?? defaultImages.pause},
		kube: {kubeconfig: text('kubeconfig'), context: text('context'), namespace: text('namespace') ?? defaultNamespace},
		yes: flags['yes'] === true,
		dryRun,
		output: output === undefined ? undefined : choice('output', output, formats),
		plain: flags['plain'] === true,
	};
}
