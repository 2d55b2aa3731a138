// krew-manifest.yaml at the top of the repository is what `npm run release`
// writes. Here: everything but the hashes is what the generator makes for
// package.json's version. The hashes need a release build: test/e2e/release.test.ts
// compares them with a fresh build's.

import {readFileSync} from 'node:fs';
import {parse} from 'yaml';
import {expect, test} from 'vitest';
import {krewManifestYaml} from './krew-manifest.ts';
import {packageVersion, releasePaths} from './release-paths.ts';
import {targets} from './targets.ts';

test('krew-manifest.yaml is the generated manifest of the current version', () => {
	const committed = readFileSync(releasePaths.committedManifest, 'utf8');
	const version = packageVersion();
	const platforms = (parse(committed) as {spec: {platforms: Array<{sha256: string}>}}).spec.platforms;
	expect(platforms).toHaveLength(targets.length);
	const archives = targets.map((target, index) => ({target, sha256: platforms[index]!.sha256}));
	// Run `npm run release` when this fails after a version bump or a change to the manifest's texts.
	expect(committed).toBe(krewManifestYaml({version, archives}));
});
