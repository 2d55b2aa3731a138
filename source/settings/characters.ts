// Proxy settings end up in a systemd unit file and pass through shell scripts
// on every node. Rather than escaping for both, refuse every character that
// means something to either, and every character a reader cannot see.

export type ForbiddenCharacter = {
	readonly char: string;
	/** 1-based, counted in code points so that it matches what a reader sees. */
	readonly position: number;
};

const shellOrSystemd = new Set(['\'', '"', '`', '\\', '$', ';', '|', '&', '<', '>']);

/** True for characters no proxy setting may contain anywhere. */
export function isForbiddenCharacter(char: string, options: {allowSpace?: boolean} = {}): boolean {
	const code = char.codePointAt(0) ?? 0;
	if (code === 0x20) {
		return !options.allowSpace;
	}

	return code < 0x20 || code >= 0x7f || shellOrSystemd.has(char);
}

export function findForbiddenCharacter(value: string, options: {allowSpace?: boolean} = {}): ForbiddenCharacter | undefined {
	let position = 0;
	for (const char of value) {
		position++;
		if (isForbiddenCharacter(char, options)) {
			return {char, position};
		}
	}

	return undefined;
}

const namedCharacters = new Map<number, string>([
	[0x09, 'a tab'],
	[0x0a, 'a line feed'],
	[0x0d, 'a carriage return'],
	[0x20, 'a space'],
	[0x7f, 'a delete control character'],
	[0xa0, 'a no-break space'],
	[0xad, 'a soft hyphen'],
	[0x061c, 'an Arabic letter mark (bidi control)'],
	[0x200b, 'a zero-width space'],
	[0x200c, 'a zero-width non-joiner'],
	[0x200d, 'a zero-width joiner'],
	[0x200e, 'a left-to-right mark (bidi control)'],
	[0x200f, 'a right-to-left mark (bidi control)'],
	[0x202a, 'a left-to-right embedding (bidi control)'],
	[0x202b, 'a right-to-left embedding (bidi control)'],
	[0x202c, 'a pop directional formatting (bidi control)'],
	[0x202d, 'a left-to-right override (bidi control)'],
	[0x202e, 'a right-to-left override (bidi control)'],
	[0x2060, 'a word joiner'],
	[0x2066, 'a left-to-right isolate (bidi control)'],
	[0x2067, 'a right-to-left isolate (bidi control)'],
	[0x2068, 'a first strong isolate (bidi control)'],
	[0x2069, 'a pop directional isolate (bidi control)'],
	[0xfeff, 'a zero-width no-break space (byte order mark)'],
]);

const quoteNames = new Map<string, string>([
	['\'', 'a single quote (\')'],
	['"', 'a double quote (")'],
	['`', 'a backquote (`)'],
	['\\', 'a backslash (\\)'],
]);

export function codePointLabel(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Safe to print: never emits the character itself unless it is visible. */
export function describeCharacter(char: string): string {
	const quoted = quoteNames.get(char);
	if (quoted) {
		return quoted;
	}

	const code = char.codePointAt(0) ?? 0;
	if (code > 0x20 && code < 0x7f) {
		return `'${char}'`;
	}

	const label = codePointLabel(char);
	const name = namedCharacters.get(code);
	if (name) {
		return `${name} (${label})`;
	}

	if (code < 0x20 || (code >= 0x80 && code < 0xa0)) {
		return `a control character (${label})`;
	}

	// Letters, digits and symbols from other scripts are shown, because they
	// are usually look-alikes of ASCII ones (Cyrillic 'а' for 'a').
	if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(char)) {
		return `'${char}' (${label}, not ASCII)`;
	}

	return `an invisible character (${label})`;
}

/** Quote a value for an error message, with unprintable characters spelled out. */
export function quoteForDisplay(value: string, maxLength = 200): string {
	let shown = '';
	for (const char of value) {
		const code = char.codePointAt(0) ?? 0;
		shown += code >= 0x20 && code < 0x7f ? char : `<${codePointLabel(char)}>`;
	}

	if (shown.length > maxLength) {
		shown = `${shown.slice(0, maxLength)}...`;
	}

	return `"${shown}"`;
}

/** `;` -> `%3B`, `é` -> `%C3%A9`. */
export function percentEncode(char: string): string {
	return [...new TextEncoder().encode(char)]
		.map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
		.join('');
}
