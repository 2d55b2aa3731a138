import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = spawnSync('shellcheck', ['--version'], {stdio: 'ignore'}).status === 0;
const required = process.env['CI'] === 'true';

/** Every shell script of the project: the host scripts, the launcher, CI, and the test tooling. */
function shellScripts(): string[] {
	const inFolders = ['source', 'test'].flatMap(folder =>
		readdirSync(join(root, folder), {recursive: true, encoding: 'utf8'})
			.filter(name => name.endsWith('.sh') || name.startsWith(join('scripts', 'stubs')) || name.startsWith(`${join('nodes', 'guest', 'usr', 'local', 'sbin')}/`))
			.map(name => join(root, folder, name)),
	);
	return [...inFolders.filter(file => !file.endsWith('stubs')), join(root, 'bin', 'kubectl-proxyinject'), join(root, 'bin', 'kubectl_complete-proxyinject'), join(root, '.ci', 'run')];
}

test.skipIf(!installed && !required)('shellcheck passes on every shell script', () => {
	expect(installed, 'shellcheck is required when CI=true').toBe(true);
	const scripts = shellScripts();
	const names = scripts.map(file => relative(root, file));
	expect(names).toEqual(expect.arrayContaining(['source/scripts/inject.sh', 'source/scripts/remove.sh', 'bin/kubectl-proxyinject', 'bin/kubectl_complete-proxyinject', '.ci/run', 'test/cluster/build-binaries.sh', 'test/nodes/guest/usr/local/sbin/node-setup']));
	const result = spawnSync('shellcheck', ['-s', 'sh', '-x', ...scripts], {encoding: 'utf8', cwd: root});
	expect(result.stdout + result.stderr).toBe('');
	expect(result.status).toBe(0);
});
