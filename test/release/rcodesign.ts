// rcodesign (crate apple-codesign): an implementation of Apple's code signing
// that runs on Linux, independent of ours. The tests use its `verify` to check
// the ad-hoc signatures of the macOS executables. Compiling it takes about 11
// minutes on 2 cores (build-rcodesign.sh), so the tests use it when it is
// built and say so when it is not.

import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {run} from '../cluster/run.ts';
import {cacheRoot} from '../cluster/paths.ts';

export const rcodesignVersion = '0.29.0';

export function rcodesignPath(): string | undefined {
	const candidates = [process.env['RCODESIGN'], join(cacheRoot, 'bin', `rcodesign-${rcodesignVersion}`, 'rcodesign')];
	return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

export type Verification = {
	/** What rcodesign found wrong, one line each. */
	readonly problems: readonly string[];
	readonly output: string;
};

/** An ad-hoc signature has no cryptographic (CMS) part: the one problem rcodesign always reports for it. */
export const adHocProblem = 'no cryptographic signature present';

export async function rcodesignVerify(tool: string, file: string): Promise<Verification> {
	const result = await run(tool, ['verify', file]);
	const output = `${result.stdout}${result.stderr}`;
	// Its own notes are in parentheses; the last line sums up.
	const problems = output.split('\n').map(line => line.trim()).filter(line => line !== '' && !line.startsWith('(') && !line.startsWith('Error: problems reported') && line !== 'no problems detected!');
	return {problems, output};
}
