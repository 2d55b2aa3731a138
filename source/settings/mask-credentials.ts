// Applied to every line the plugin prints, including text that did not come
// from our parser (API errors, log tails), so it errs on the side of masking:
// the userinfo runs to the last '@' before whitespace, a quote or a '/'. A
// user name alone is masked too: `http://APIKEY@proxy:8011` is an API key.
const credentialsInUrl = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>`]*@/gi;

/** `http://user:secret@proxy:3128` -> `http://***@proxy:3128`, anywhere in the text. */
export function maskCredentials(text: string): string {
	return text.replace(credentialsInUrl, '$1***@');
}
