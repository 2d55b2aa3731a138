import {readdirSync, readFileSync} from 'node:fs';
import {dataKeys} from './names.ts';

/**
 * The shell scripts that run on the nodes, by file name, shipped as
 * ConfigMap data. inject.sh and remove.sh source their helpers from the same
 * directory, so every script goes in.
 */
export type HostScripts = Readonly<Record<string, string>>;

// Relative to this file, so the same URL works from source/ and, once the
// build has copied the scripts, from dist/.
export const hostScriptsDirectory = new URL('../scripts/', import.meta.url);

export const hostScriptUrls = {
	inject: new URL(dataKeys.injectScript, hostScriptsDirectory),
	remove: new URL(dataKeys.removeScript, hostScriptsDirectory),
} as const;

// A single-file release build has no scripts folder next to it: the build
// defines this with the text of every script instead.
declare const PROXYINJECT_HOST_SCRIPTS: HostScripts | undefined;

export function loadHostScripts(): HostScripts {
	if (typeof PROXYINJECT_HOST_SCRIPTS === 'object') {
		return PROXYINJECT_HOST_SCRIPTS;
	}

	const files = readdirSync(hostScriptsDirectory).filter(file => file.endsWith('.sh')).sort();
	for (const required of [dataKeys.injectScript, dataKeys.removeScript]) {
		if (!files.includes(required)) {
			throw new Error(`The host script ${required} is missing from ${hostScriptsDirectory.pathname}: the installation is incomplete.`);
		}
	}

	return Object.fromEntries(files.map(file => [file, readFileSync(new URL(file, hostScriptsDirectory), 'utf8')]));
}

/**
 * The scripts the DaemonSets run from the ConfigMap. The drift check's
 * script is its pod's command instead, so that a new version of it rolls no
 * injector pod.
 */
export function daemonSetScripts(): HostScripts {
	const {[dataKeys.checkScript]: _check, ...scripts} = loadHostScripts();
	return scripts;
}
