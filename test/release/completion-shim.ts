// The completion executable each archive carries beside the plugin: kubectl
// (1.26+) runs kubectl_complete-proxyinject from PATH to complete the
// plugin's command line, and it hands the words to the plugin's __complete.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {repoRoot} from './release-paths.ts';
import type {Target} from './targets.ts';

/** The same script a source checkout has in bin/: it finds the executable beside it. */
export const unixShimPath = join(repoRoot, 'bin', 'kubectl_complete-proxyinject');

/**
 * cmd runs it from PATH (Go's exec.LookPath, which kubectl uses, tries the
 * extensions of PATHEXT, .CMD among them); %~dp0 is its own folder, where
 * krew puts the executable too. CRLF line ends, as cmd expects.
 */
export const windowsShim = '@echo off\r\n"%~dp0kubectl-proxyinject.exe" __complete %*\r\n';

export async function completionShim(target: Target): Promise<Uint8Array> {
	return target.os === 'windows' ? Buffer.from(windowsShim) : readFile(unixShimPath);
}
