import meow from 'meow';
import {UsageError} from '../errors.ts';
import {defaultImages} from '../manifests/images.ts';
import {defaultNamespace} from '../manifests/names.ts';
import {quoteForDisplay} from '../settings/characters.ts';
import type {CaFileInput} from '../settings/trusted-ca.ts';
import type {RolloutMode, RolloutOptions, Selection} from '../plan/types.ts';
import {parseDuration} from './duration.ts';
import {type CommandName, type FlagName, flagSpecs, flagText} from './flags.ts';
import {closest} from './suggest.ts';

export type Command = CommandName | 'home';

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml';

export type ProxyInput = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
	readonly noDefaultNoProxy: boolean;
	/** --ca-file, as read (see readCaFiles); validated with the settings. */
	readonly caFiles?: readonly CaFileInput[];
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
	/** --proxy-env-file: read by readProxyEnvFile, which fills `proxy` from it. */
	readonly proxyEnvFile?: string;
	/** --ca-file paths, in order: read by readCaFiles, which fills `proxy.caFiles`. */
	readonly caFiles: readonly string[];
	readonly rollout: RolloutOptions;
	readonly selection: Selection;
	readonly images: {readonly image: string; readonly pauseImage: string};
	readonly kube: KubeOptions;
	readonly yes: boolean;
	readonly dryRun: boolean;
	readonly output?: OutputFormat;
	readonly plain: boolean;
	/** status --watch: rows again as they change, or a live interactive view. */
	readonly watch: boolean;
	/** status --check: how long each node's check pod may take, and how many run at once. */
	readonly check?: CheckLimits;
};

export type CheckLimits = {readonly timeoutMs: number; readonly parallel: number};

const commands: readonly CommandName[] = ['status', 'apply', 'remove'];

// yargs-parser (under meow) reads `--no-proxy x` as `--proxy=false`: these two
// flags are renamed before parsing so that their kubectl-style names work.
const negationLookalikes: Record<string, string> = {
	'--no-proxy': '--np-list',
	'--no-default-no-proxy': '--np-skip-defaults',
};

const longNames = Object.keys(flagSpecs).map(name => flagText(name));
const byLongName = new Map(Object.entries(flagSpecs).map(([name, spec]) => [flagText(name), spec.type]));
const byShortName = new Map(Object.entries(flagSpecs).flatMap(([name, spec]) => ('shortFlag' in spec ? [[spec.shortFlag as string, name] as const] : [])));

function checkLongFlag(token: string): string[] {
	const [name, ...rest] = token.split('=');
	const type = byLongName.get(name!);
	if (type === undefined) {
		const suggestion = closest(name!.toLowerCase(), longNames);
		throw new UsageError(`unknown flag: ${name}`, suggestion ? `Did you mean ${suggestion}? See 'kubectl proxyinject --help'.` : `See 'kubectl proxyinject --help'.`);
	}

	// yargs reads any boolean value it does not know (`--dry-run=yes`) as false: only what kubectl accepts passes.
	if (type === 'boolean' && rest.length > 0) {
		const value = rest.join('=');
		if (/^(?:1|t|true)$/i.test(value)) {
			return [name!];
		}

		if (/^(?:0|f|false)$/i.test(value)) {
			return [`${name}=false`];
		}

		throw new UsageError(`${name}: "${value}" is not true or false`, `Write ${name} alone to turn it on.`);
	}

	return [token];
}

// kubectl accepts `-ojson`, `-n=ns` and `-yh`; yargs would read `-ojson` as
// five flags, so each short form becomes its long one.
function expandShortFlags(token: string): string[] {
	const expanded: string[] = [];
	for (let index = 1; index < token.length; index++) {
		const name = byShortName.get(token[index]!);
		if (name === undefined) {
			throw new UsageError(`unknown shorthand flag: -${token[index]} in ${token}`, `See 'kubectl proxyinject --help'.`);
		}

		const rest = token.slice(index + 1);
		if (flagSpecs[name as FlagName].type === 'string' || rest.startsWith('=')) {
			return [...expanded, ...checkLongFlag(rest === '' ? flagText(name) : `${flagText(name)}=${rest.replace(/^=/, '')}`)];
		}

		expanded.push(flagText(name));
	}

	return expanded;
}

/** Refuses unknown flags and rewrites the accepted ones into the forms meow reads as kubectl does. */
function normaliseArgv(argv: readonly string[]): string[] {
	const end = argv.indexOf('--');
	// yargs reads a lone `-` as an argument, not as the value of the flag before it (`--proxy-env-file -`).
	const flags = (end === -1 ? argv : argv.slice(0, end)).flatMap((token, index, all) => {
		if (token === '-' && index > 0 && byLongName.get(all[index - 1]!) === 'string') {
			return [];
		}

		return all[index + 1] === '-' && byLongName.get(token) === 'string' ? [`${token}=-`] : [token];
	});
	const normalised = flags.flatMap(token => {
		if (token.startsWith('--')) {
			return checkLongFlag(token).map(long => {
				const [name, ...rest] = long.split('=');
				const renamed = negationLookalikes[name!];
				return renamed === undefined ? long : [renamed, ...rest].join('=');
			});
		}

		return token.startsWith('-') && token.length > 1 && !/^-\d/.test(token) ? expandShortFlags(token) : [token];
	});
	return end === -1 ? normalised : [...normalised, ...argv.slice(end)];
}

function choice<T extends string>(flag: FlagName, value: string, allowed: readonly T[]): T {
	if ((allowed as readonly string[]).includes(value)) {
		return value as T;
	}

	throw new UsageError(`${flagText(flag)}: "${value}" is not one of ${allowed.join(', ')}`, `e.g. ${flagText(flag)} ${allowed[0]}`);
}

function positiveInteger(flag: FlagName, value: string): number {
	if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
		throw new UsageError(`${flagText(flag)}: "${value}" is not a whole number of at least 1`, `e.g. ${flagText(flag)} 3`);
	}

	return Number(value);
}

/**
 * A namespace is a DNS-1123 label. Anything else must stop here: `-n ..`
 * ended up in request paths and listed pods cluster-wide.
 */
function namespaceName(value: string): string {
	if (value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) {
		return value;
	}

	throw new UsageError(`-n/--namespace ${quoteForDisplay(value, 80)}: not a valid namespace name`, 'A namespace name has at most 63 characters: lower-case letters, digits and \'-\', starting and ending with a letter or digit (e.g. kube-system).');
}

function list(value: string | undefined): string[] {
	return (value ?? '').split(',').map(item => item.trim()).filter(Boolean);
}

/** An image reference as a pod takes it; the kubelet judges the rest (InvalidImageName). */
function imageReference(flag: FlagName, value: string): string {
	if (value.length <= 512 && /^[a-z0-9][\w.\-/:@]*$/.test(value)) {
		return value;
	}

	throw new UsageError(`${flagText(flag)} ${quoteForDisplay(value, 80)}: not an image reference`, `e.g. ${flagText(flag)} registry.corp.example/tools/hello:1 (a small image from the registry the nodes must reach)`);
}

/**
 * The values of a repeatable path flag. yargs drops an empty or missing value
 * of an array flag without a word, so each use on the line must have given one.
 */
function paths(flag: FlagName, value: unknown, argv: readonly string[]): string[] {
	const values = Array.isArray(value) ? value.map(String) : [];
	const end = argv.indexOf('--');
	const uses = (end === -1 ? argv : argv.slice(0, end)).filter(token => token === flagText(flag) || token.startsWith(`${flagText(flag)}=`)).length;
	if (values.includes('') || values.length !== uses) {
		throw new UsageError(`${flagText(flag)} needs a value`, `e.g. ${flagText(flag)} ${'value' in flagSpecs[flag] ? flagSpecs[flag].value : 'VALUE'}`);
	}

	return values;
}

function checkFlagsFitCommand(command: Command, flags: Record<string, unknown>): void {
	if (command === 'home') {
		return;
	}

	for (const [name, spec] of Object.entries(flagSpecs)) {
		const value = flags[name];
		const given = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
		if (given && !(spec.commands as readonly string[]).includes(command)) {
			throw new UsageError(`${flagText(name)} does not apply to "${command}"`, `It is used by: ${spec.commands.join(', ')}. See 'kubectl proxyinject ${command} --help'.`);
		}
	}

	if (command !== 'apply' && (flags['npList'] !== undefined || flags['npSkipDefaults'] === true)) {
		throw new UsageError(`--no-proxy and --no-default-no-proxy apply only to "apply"`, `See 'kubectl proxyinject apply --help'.`);
	}
}

function parseWithMeow(argv: readonly string[]) {
	const meowFlags = Object.fromEntries(Object.entries(flagSpecs).map(([name, spec]) => [name, {
		type: spec.type,
		...('shortFlag' in spec ? {shortFlag: spec.shortFlag} : {}),
		...('isMultiple' in spec ? {isMultiple: spec.isMultiple} : {}),
	}]));
	try {
		return meow({
			importMeta: import.meta,
			// Otherwise meow reads the nearest package.json above the running file, which a standalone executable lacks.
			pkg: {name: 'kubectl-proxyinject'},
			argv: [...argv],
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			flags: {
				...meowFlags,
				npList: {type: 'string'},
				npSkipDefaults: {type: 'boolean'},
			},
		});
	} catch (error) {
		// meow refuses a repeated string flag with a plain Error that names its internal key.
		const key = /--(\w+) can only be set once/.exec((error as Error).message)?.[1];
		const shown = key === 'npList' ? '--no-proxy' : key === undefined ? undefined : flagText(key);
		throw new UsageError(shown ? `${shown} is given more than once` : (error as Error).message, 'Give each flag once; --nodes and --no-proxy take comma-separated lists.');
	}
}

/** status --check's limits; the flags that only a check uses refused on a plain status. */
function checkLimits(command: Command, flags: Record<string, unknown>, given: {watch: boolean; timeout?: string; parallel?: string}): CheckLimits | undefined {
	if (flags['check'] !== true) {
		const checkOnly = (['timeout', 'parallel', 'image'] as const).find(name => flags[name] !== undefined);
		if (command === 'status' && checkOnly) {
			throw new UsageError(`${flagText(checkOnly)} applies to status only with --check`, `Add --check to check each node for drift, or drop ${flagText(checkOnly)}.`);
		}

		return undefined;
	}

	if (command !== 'status') {
		throw new UsageError('--check applies to status', 'e.g. kubectl proxyinject status --check');
	}

	if (given.watch) {
		throw new UsageError('--check and -w/--watch do not go together: a check runs once', 'Run kubectl proxyinject status --check, or watch without --check.');
	}

	return {
		timeoutMs: given.timeout === undefined ? 120_000 : parseDuration('--timeout', given.timeout),
		parallel: given.parallel === undefined ? 10 : positiveInteger('parallel', given.parallel),
	};
}

/** Turns argv into validated options; throws UsageError for anything off. */
export function parseOptions(argv: readonly string[]): Options {
	const normalised = normaliseArgv(argv);
	const cli = parseWithMeow(normalised);
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
	const formats: readonly OutputFormat[] = dryRun ? ['yaml', 'json'] : ['table', 'wide', 'json', 'yaml'];
	const parallel = text('parallel');
	const timeout = text('timeout');
	const rollout = text('rollout');
	const watch = flags['watch'] === true;
	const verifyImage = text('verifyImage');
	const drainTimeout = text('drainTimeout');
	const drain = flags['drain'] === true;
	if (drainTimeout !== undefined && !drain) {
		throw new UsageError(`--drain-timeout ${drainTimeout}: only applies with --drain`, `Add --drain to cordon and drain each node first, or drop --drain-timeout.`);
	}

	if (drain && rollout === 'all') {
		throw new UsageError('--drain with --rollout all: draining every node at once leaves the evicted pods nowhere to run', 'Use --drain with the node-by-node rollout (the default), e.g. --drain --parallel 2.');
	}

	if (watch && dryRun) {
		throw new UsageError('-w/--watch and --dry-run do not go together: --dry-run prints objects once', 'Drop -w, or drop --dry-run and watch with: kubectl proxyinject status -w');
	}

	const check = checkLimits(command, flags, {watch, timeout, parallel});
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
		proxyEnvFile: text('proxyEnvFile'),
		caFiles: paths('caFile', flags['caFile'], normalised),
		rollout: {
			mode: rollout === undefined ? 'node-by-node' : choice<RolloutMode>('rollout', rollout, ['node-by-node', 'all']),
			parallel: parallel === undefined ? 1 : positiveInteger('parallel', parallel),
			timeoutMs: timeout === undefined ? 300_000 : parseDuration('--timeout', timeout),
			...(drain && {drainTimeoutMs: drainTimeout === undefined ? 300_000 : parseDuration('--drain-timeout', drainTimeout)}),
			...(verifyImage !== undefined && {verifyImage: imageReference('verifyImage', verifyImage)}),
		},
		selection: {nodes: list(text('nodes')), selector: text('selector')},
		images: {image: text('image') ?? defaultImages.script, pauseImage: text('pauseImage') ?? defaultImages.pause},
		kube: {kubeconfig: text('kubeconfig'), context: text('context'), namespace: namespaceName(text('namespace') ?? defaultNamespace)},
		yes: flags['yes'] === true,
		dryRun,
		output: output === undefined ? undefined : choice('output', output, formats),
		plain: flags['plain'] === true,
		watch,
		...(check && {check}),
	};
}
