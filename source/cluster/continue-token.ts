// The API server writes a list's metadata before its items, so the token of
// the next page is in the first few hundred bytes of the text. Read there, it
// lets the next page be asked for while this one is still being parsed.
const listHead = /^\{"kind":"[A-Za-z]+","apiVersion":"[^"\\]*","metadata":\{[^{}]*?"continue":"([A-Za-z0-9+/=_-]+)"/;

/** The continue token of a list page, read from the start of its JSON text; undefined when it is not there (then the parsed page tells). */
export function continueTokenAtHead(text: string): string | undefined {
	return listHead.exec(text.slice(0, 2048))?.[1];
}
