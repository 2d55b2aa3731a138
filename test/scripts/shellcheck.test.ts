import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {scriptsDir} from './fake-node.ts';

const installed = spawnSync('shellcheck', ['--version'], {stdio: 'ignore'}).status === 0;
const required = process.env.CI === 'true';
const scripts = readdirSync(scriptsDir)
	.filter(name => name.endsWith('.sh'))
	.map(name => path.join(scriptsDir, name));

test.skipIf(!installed && !required)('shellcheck -s sh passes on the host scripts (skipped: shellcheck is not installed)', () => {
	expect(installed, 'shellcheck is required when CI=true').toBe(true);
	expect(scripts.map(script => path.basename(script))).toEqual(expect.arrayContaining(['inject.sh', 'remove.sh', 'common.sh']));

	const result = spawnSync('shellcheck', ['-s', 'sh', ...scripts], {encoding: 'utf8'});

	expect(result.stdout + result.stderr).toBe('');
	expect(result.status).toBe(0);
});
