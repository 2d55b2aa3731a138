// The host scripts as the release bundle carries them: the same set the
// plugin reads from source/scripts when it runs from the repository.

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {dataKeys} from '../../source/manifests/names.ts';

export function readHostScripts(directory: string): Record<string, string> {
	const files = readdirSync(directory).filter(file => file.endsWith('.sh')).sort();
	for (const required of [dataKeys.injectScript, dataKeys.removeScript]) {
		if (!files.includes(required)) {
			throw new Error(`${required} is missing from ${directory}`);
		}
	}

	return Object.fromEntries(files.map(file => [file, readFileSync(join(directory, file), 'utf8')]));
}
