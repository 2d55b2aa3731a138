// Shell completion of the plugin's command line, in the format kubectl reads
// from a plugin's completion executable (kubectl 1.26+, the same as cobra's
// __complete): one candidate per line, optionally followed by a tab and a
// description, then a last line `:<directive>` telling the shell what to do
// besides offering the candidates.

import {type CommandName, type FlagName, flagSpecs, flagText} from '../options/flags.ts';
import {printable} from '../view/printable.ts';

/** Cobra's ShellCompDirective bits, which kubectl's completion scripts act on. */
export const directives = {
	/** Nothing special: the shell may also offer file names. */
	default: 0,
	noSpace: 2,
	noFileComp: 4,
} as const;

export type Completion = {
	readonly candidates: readonly (readonly [value: string, description?: string])[];
	readonly directive: number;
};

/** What only the cluster or the kubeconfig knows; each may fail, which offers nothing. */
export type CompletionSources = {
	readonly contexts: (kube: KubeWords) => Promise<readonly string[]>;
	/** Node names, and the labels of every node. */
	readonly nodes: (kube: KubeWords) => Promise<readonly {readonly name: string; readonly labels: Readonly<Record<string, string>>}[]>;
};

/** The connection flags already on the command line: the nodes listed are those of that cluster. */
export type KubeWords = {readonly kubeconfig?: string; readonly context?: string};

const commands: readonly (readonly [CommandName, string])[] = [
	['status', 'every node and its proxy state'],
	['apply', 'write the proxy settings, node by node'],
	['remove', 'remove the settings and everything the plugin created'],
];

const byLong = new Map<string, FlagName>(Object.keys(flagSpecs).map(name => [flagText(name), name as FlagName]));
const byShort = new Map<string, FlagName>(Object.entries(flagSpecs).flatMap(([name, spec]) => ('shortFlag' in spec ? [[`-${spec.shortFlag}`, name as FlagName] as const] : [])));

/** The flag a word names (`--context`, `-n`), if it names one. */
function flagOf(word: string): FlagName | undefined {
	return byLong.get(word) ?? byShort.get(word);
}

const takesValue = (flag: FlagName) => flagSpecs[flag].type === 'string';

/** What the words before the one being completed say: the command, and the connection flags given. */
function readWords(words: readonly string[]): {command?: CommandName; kube: KubeWords; dryRun: boolean; valueFor?: FlagName} {
	let command: CommandName | undefined;
	const kube: {kubeconfig?: string; context?: string} = {};
	let dryRun = false;
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word === '--') {
			break;
		}

		const [name, ...rest] = word.split('=');
		const flag = word.startsWith('-') ? flagOf(name!) : undefined;
		if (flag !== undefined) {
			dryRun ||= flag === 'dryRun';
			if (!takesValue(flag) || rest.length > 0) {
				const value = rest.join('=');
				if (flag === 'kubeconfig' || flag === 'context') {
					kube[flag] = value;
				}

				continue;
			}

			// The value is the next word; when there is none, that value is what is being completed.
			if (index === words.length - 1) {
				return {command, kube, dryRun, valueFor: flag};
			}

			const value = words[++index]!;
			if (flag === 'kubeconfig' || flag === 'context') {
				kube[flag] = value;
			}

			continue;
		}

		if (!word.startsWith('-') && command === undefined && commands.some(([known]) => known === word)) {
			command = word as CommandName;
		}
	}

	return {command, kube, dryRun};
}

function startingWith(prefix: string, candidates: Completion['candidates']): Completion['candidates'] {
	return candidates.filter(([value]) => value.startsWith(prefix));
}

/** The flags that apply to the command (every flag before a command is given), long forms with their help line. */
function flagCandidates(command: CommandName | undefined): Completion['candidates'] {
	return Object.entries(flagSpecs)
		.filter(([, spec]) => command === undefined || (spec.commands as readonly string[]).includes(command))
		.map(([name, spec]) => [flagText(name), spec.description] as const);
}

/** Splits a comma-separated list at its last comma: what is done, and the item being typed. */
function lastItem(text: string): {done: string; typing: string} {
	const comma = text.lastIndexOf(',');
	return {done: text.slice(0, comma + 1), typing: text.slice(comma + 1)};
}

/** Values of a flag; `prefix` is what the candidates must carry before the value (`--output=` in the `=` form). */
async function valueCandidates(flag: FlagName, typed: string, prefix: string, context: {kube: KubeWords; dryRun: boolean}, sources: CompletionSources): Promise<Completion> {
	const none = {candidates: [], directive: directives.noFileComp};
	const fixed = (values: readonly (readonly [string, string?])[]) => ({
		candidates: startingWith(typed, values).map(([value, description]) => [`${prefix}${value}`, description] as const),
		directive: directives.noFileComp,
	});
	switch (flag) {
		case 'output': {
			return fixed(context.dryRun ? [['yaml'], ['json']] : [['table'], ['wide'], ['json'], ['yaml']]);
		}

		case 'rollout': {
			return fixed([['node-by-node', 'one batch at a time (--parallel N per batch)'], ['all', 'every node at once']]);
		}

		case 'context': {
			return fixed((await sources.contexts(context.kube)).map(name => [name] as const));
		}

		case 'nodes': {
			const {done, typing} = lastItem(typed);
			const given = new Set(done.split(',').filter(Boolean));
			const names = (await sources.nodes(context.kube)).map(node => node.name).filter(name => !given.has(name) && name.startsWith(typing));
			// No space after it: another comma and name may follow.
			return {candidates: names.map(name => [`${prefix}${done}${name}`] as const), directive: directives.noFileComp | directives.noSpace};
		}

		case 'selector': {
			const {done, typing} = lastItem(typed);
			const nodes = await sources.nodes(context.kube);
			const requirement = /^(!?)([^=!\s]*)$/.exec(typing);
			if (requirement) {
				const [, not, key] = requirement;
				const keys = [...new Set(nodes.flatMap(node => Object.keys(node.labels)))].filter(known => known.startsWith(key!)).sort();
				return {candidates: keys.map(known => [`${prefix}${done}${not}${known}`] as const), directive: directives.noFileComp | directives.noSpace};
			}

			const equality = /^([^=!\s]+)(==|=|!=)([^,]*)$/.exec(typing);
			if (equality) {
				const [, key, operator, value] = equality;
				const values = [...new Set(nodes.flatMap(node => (Object.hasOwn(node.labels, key!) ? [node.labels[key!]!] : [])))].filter(known => known.startsWith(value!)).sort();
				return {candidates: values.map(known => [`${prefix}${done}${key}${operator}${known}`] as const), directive: directives.noFileComp | directives.noSpace};
			}

			return none;
		}

		case 'kubeconfig':
		case 'proxyEnvFile': {
			// File names: the shell's own completion.
			return {candidates: [], directive: directives.default};
		}

		default: {
			return none;
		}
	}
}

/**
 * The candidates for the word being typed (`typing`), after `words`. The
 * connection flags among `words` (--kubeconfig, --context) choose the
 * cluster whose nodes and labels are offered.
 */
export async function completeWords(words: readonly string[], typing: string, sources: CompletionSources): Promise<Completion> {
	const read = readWords(words);
	if (read.valueFor !== undefined) {
		return valueCandidates(read.valueFor, typing, '', read, sources);
	}

	if (typing.startsWith('-')) {
		const [name, ...rest] = typing.split('=');
		const flag = flagOf(name!);
		if (flag !== undefined && rest.length > 0 && takesValue(flag)) {
			return valueCandidates(flag, rest.join('='), `${name}=`, read, sources);
		}

		return {candidates: startingWith(typing, flagCandidates(read.command)), directive: directives.noFileComp};
	}

	if (read.command === undefined) {
		return {candidates: startingWith(typing, commands), directive: directives.noFileComp};
	}

	// Commands take no arguments.
	return {candidates: [], directive: directives.noFileComp};
}

/** The text kubectl reads: one candidate per line, then the directive. */
export function formatCompletion(completion: Completion): string {
	// Names from the cluster are checked by the API server, but a candidate is typed into the user's shell:
	// one with a control character (which no valid name has) is left out rather than altered.
	const lines = completion.candidates
		.filter(([value, description]) => printable(value) === value && !value.includes(' ') && printable(description ?? '') === (description ?? ''))
		.map(([value, description]) => (description ? `${value}\t${description}` : value));
	return `${[...lines, `:${completion.directive}`].join('\n')}\n`;
}
