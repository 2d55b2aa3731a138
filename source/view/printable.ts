// Text from the cluster (node status, pod logs, API error messages) is
// untrusted. A terminal obeys control sequences in what it prints: OSC 52
// (ESC ] 52 ; c ; ... BEL) writes the user's clipboard, CSI 2J clears the
// screen, a carriage return overwrites a line with a forged one. kubectl
// escapes such characters (CVE-2021-25743); every view here passes cluster
// text through `printable` before it reaches the terminal.

/** C0 controls, DEL, C1 controls, and the bidi controls that reorder what a reader sees. */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

const named: Readonly<Record<string, string>> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'};

function escape(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	return named[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line of visible text: every control character spelled out (`ESC` -> `\x1b`, a newline -> `\n`). */
export function printable(text: string): string {
	return text.replace(unsafe, escape);
}

/**
 * For JSON and YAML output: their serialisers escape C0 controls but leave
 * DEL, C1 and bidi controls raw. `\uXXXX` is an escape inside a JSON or YAML
 * double-quoted string (the value stays the same) and plain text anywhere
 * else in YAML, so the document stays valid either way.
 */
export function escapeRawControls(serialised: string): string {
	return serialised.replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu, char => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
