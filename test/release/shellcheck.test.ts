import {spawnSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';

const installed = spawnSync('shellcheck', ['--version'], {stdio: 'ignore'}).status === 0;
const required = process.env['CI'] === 'true';
const here = fileURLToPath(new URL('.', import.meta.url));
const scripts = readdirSync(here).filter(name => name.endsWith('.sh')).map(name => join(here, name));

test.skipIf(!installed && !required)('shellcheck -s sh passes on the release scripts (skipped: shellcheck is not installed)', () => {
	expect(installed, 'shellcheck is required when CI=true').toBe(true);
	expect(scripts.length).toBeGreaterThanOrEqual(2);
	const result = spawnSync('shellcheck', ['-s', 'sh', ...scripts], {encoding: 'utf8'});
	expect(result.stdout + result.stderr).toBe('');
	expect(result.status).toBe(0);
});
