import {readFileSync} from 'node:fs';

// A release bundle defines this at build time; from source it is read from package.json.
declare const PROXYINJECT_VERSION: string | undefined;

export function version(): string {
	if (typeof PROXYINJECT_VERSION === 'string') {
		return PROXYINJECT_VERSION;
	}

	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
	return manifest.version;
}
