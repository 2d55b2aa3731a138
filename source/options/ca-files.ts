import {readFileSync} from 'node:fs';
import {UsageError} from '../errors.ts';
import {quoteForDisplay} from '../settings/characters.ts';
import {caFileFlag} from '../settings/trusted-ca.ts';
import type {Options} from './parse-options.ts';

/** Reads one file as text; the default reads the disk. */
export type ReadFile = (path: string) => string;

/**
 * The text of each --ca-file, for the settings to validate. Certificates
 * are public: unlike a proxy URL, a path and what is wrong with the file
 * may be shown in full.
 */
export function readCaFiles(options: Options, readFile: ReadFile = path => readFileSync(path, 'utf8')): Options {
	if (options.caFiles.length === 0 || options.help || options.version) {
		return options;
	}

	const caFiles = options.caFiles.map(path => {
		try {
			return {path, text: readFile(path)};
		} catch (error) {
			const code = (error as {code?: unknown}).code;
			throw new UsageError(`${caFileFlag} ${quoteForDisplay(path)}: cannot read it${typeof code === 'string' ? ` (${code})` : ''}.`, 'Pass the path of a readable PEM file with the CA certificate of your proxy.');
		}
	});
	return {...options, proxy: {...options.proxy, caFiles}};
}
