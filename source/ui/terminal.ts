/** What the terminal can show, decided once from the environment. */
export type TerminalTraits = {
	readonly color: boolean;
	/** Unicode symbols; ASCII otherwise. */
	readonly unicode: boolean;
	/** Spinners move; otherwise they stand still and the screen redraws less. */
	readonly animate: boolean;
};

/** Honours NO_COLOR (any non-empty value) and TERM=dumb. */
export function detectTerminal(env: Readonly<Record<string, string | undefined>>): TerminalTraits {
	const dumb = env['TERM'] === 'dumb';
	const noColor = (env['NO_COLOR'] ?? '') !== '';
	return {color: !dumb && !noColor, unicode: !dumb, animate: !dumb};
}
