// The license texts of everything a release carries besides our own code:
// each npm package in the bundle and, in the executables, Node.js itself.

import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

export type Notice = {
	readonly name: string;
	readonly version: string;
	readonly license: string;
	/** Absent when the package ships no license file. */
	readonly text?: string;
};

const licenseFile = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The package folders (e.g. node_modules/@scope/name) that bundled files come from. */
export function packageDirectories(inputs: readonly string[]): string[] {
	const directories = new Set<string>();
	for (const input of inputs) {
		const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match?.[1]) {
			directories.add(match[1]);
		}
	}

	return [...directories].sort();
}

export function packageNotice(directory: string): Notice {
	const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {name: string; version: string; license?: string};
	const file = readdirSync(directory).filter(name => licenseFile.test(name)).sort()[0];
	return {
		name: manifest.name,
		version: manifest.version,
		license: manifest.license ?? 'unknown',
		...(file && {text: readFileSync(join(directory, file), 'utf8')}),
	};
}

export function renderNotices(notices: readonly Notice[]): string {
	const unique = [...new Map(notices.map(notice => [`${notice.name}@${notice.version}`, notice])).values()];
	const sections = unique.map(notice => [
		`${'='.repeat(78)}`,
		`${notice.name} ${notice.version} (${notice.license})`,
		`${'='.repeat(78)}`,
		notice.text?.trimEnd() ?? `The package carries no license file; its package.json names the license "${notice.license}".`,
	].join('\n'));
	return `kubectl-proxyinject includes the following software. Their licenses follow.\n\n${sections.join('\n\n')}\n`;
}

export function nodeNotice(version: string, licensePath: string): Notice {
	if (!existsSync(licensePath)) {
		throw new Error(`Node.js license not found at ${licensePath}`);
	}

	return {name: 'Node.js', version, license: 'MIT and others', text: readFileSync(licensePath, 'utf8')};
}
