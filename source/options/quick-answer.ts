import type {Command} from './parse-options.ts';

/** What `--help` or `--version` alone asks for. */
export type QuickAnswer = {readonly kind: 'version'} | {readonly kind: 'help'; readonly command: Command};

const helpFlags = new Set(['--help', '-h']);
const commands = new Set<string>(['status', 'apply', 'remove']);

/**
 * `--version`, or `--help` with at most a command: answered without the
 * option parser, the Kubernetes client or the UI, so that they start as fast
 * as a Node program can. Anything else (undefined) goes through the parser,
 * which gives the same answers, and the errors, for every other spelling.
 */
export function quickAnswer(argv: readonly string[]): QuickAnswer | undefined {
	if (argv.length === 1 && argv[0] === '--version') {
		return {kind: 'version'};
	}

	const words = argv.filter(word => !helpFlags.has(word));
	if (words.length === argv.length - 1 && words.length <= 1) {
		const [command] = words;
		if (command === undefined) {
			return {kind: 'help', command: 'home'};
		}

		return commands.has(command) ? {kind: 'help', command: command as Command} : undefined;
	}

	return undefined;
}
