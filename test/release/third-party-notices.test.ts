import {join} from 'node:path';
import {expect, test} from 'vitest';
import {releasePaths, repoRoot} from './release-paths.ts';
import {nodeNotice, packageDirectories, packageNotice, renderNotices} from './third-party-notices.ts';

test('bundled files map to their innermost package folder; our own sources to none', () => {
	expect(packageDirectories([
		'source/cli.ts',
		'node_modules/ink/build/index.js',
		'node_modules/ink/build/render.js',
		'node_modules/@kubernetes/client-node/dist/index.js',
		'node_modules/a/node_modules/b/lib/x.js',
		'proxyinject-stub:react-devtools-core',
	])).toEqual(['node_modules/@kubernetes/client-node', 'node_modules/a/node_modules/b', 'node_modules/ink']);
});

test('a package notice carries its name, version, license and license text', () => {
	const notice = packageNotice(join(repoRoot, 'node_modules', 'yaml'));
	expect(notice).toMatchObject({name: 'yaml', license: 'ISC'});
	expect(notice.version).toMatch(/^\d+\.\d+\.\d+/);
	expect(notice.text).toMatch(/Copyright/);
});

test('each package appears once, with its license text or a note that it has none', () => {
	const text = renderNotices([
		{name: 'a', version: '1.0.0', license: 'MIT', text: 'MIT text\n'},
		{name: 'a', version: '1.0.0', license: 'MIT', text: 'MIT text\n'},
		{name: 'b', version: '2.0.0', license: 'ISC'},
	]);
	expect(text.match(/^a 1\.0\.0 \(MIT\)$/gm)).toHaveLength(1);
	expect(text).toContain('MIT text');
	expect(text).toMatch(/^b 2\.0\.0 \(ISC\)\n=+\nThe package carries no license file; its package\.json names the license "ISC"\.$/m);
});

test('a missing Node.js license is an error, not an empty notice', () => {
	expect(() => nodeNotice('26.0.0', join(releasePaths.output, 'no-such-license'))).toThrow(/Node\.js license not found/);
});
