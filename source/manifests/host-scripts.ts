import {readFileSync} from 'node:fs';

/** The shell scripts that run on the nodes, shipped as ConfigMap data. */
export type HostScripts = {
	readonly inject: string;
	readonly remove: string;
};

// Relative to this file, so the same URL works from source/ and, once the
// build has copied the scripts, from dist/.
export const hostScriptUrls = {
	inject: new URL('../scripts/inject.sh', import.meta.url),
	remove: new URL('../scripts/remove.sh', import.meta.url),
} as const;

export function loadHostScripts(): HostScripts {
	return {
		inject: readFileSync(hostScriptUrls.inject, 'utf8'),
		remove: readFileSync(hostScriptUrls.remove, 'utf8'),
	};
}
