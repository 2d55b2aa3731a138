import {expect, test} from 'vitest';
import {embeddedCliAsset} from '../../source/embedded-cli.ts';
import {heapFlags, seaConfig} from './sea.ts';

const options = {main: '/b/main.mjs', bundle: '/b/cli.mjs', node: '/n/node', output: '/o/kubectl-proxyinject', config: '/o/sea.json'};

test('an ES module main script, injected into the given Node binary with the CLI bundle as an asset', () => {
	expect(seaConfig(options)).toMatchObject({
		main: 'main.mjs',
		mainFormat: 'module',
		assets: {[embeddedCliAsset]: 'cli.mjs'},
		executable: '/n/node',
		output: '/o/kubectl-proxyinject',
		disableExperimentalSEAWarning: true,
	});
});

test('the scripts are named without their folder: the executable records the names, and must not depend on where it was built', () => {
	expect(seaConfig({...options, main: '/tmp/elsewhere/main.mjs', bundle: '/tmp/elsewhere/cli.mjs'})).toEqual(seaConfig(options));
});

test('the user\'s NODE_OPTIONS never reach the plugin', () => {
	expect(seaConfig(options)).toMatchObject({execArgvExtension: 'none'});
});

test('the heap is sized as the dev build\'s launcher sizes it', async () => {
	const {readFile} = await import('node:fs/promises');
	const launcher = await readFile(new URL('../../bin/kubectl-proxyinject', import.meta.url), 'utf8');
	expect(seaConfig(options)).toMatchObject({execArgv: [...heapFlags]});
	expect(launcher).toContain(`exec "$node" ${heapFlags.join(' ')} "$root/dist/main.js" "$@"`);
});

test('nothing that differs from one build to the next: no V8 code cache, no startup snapshot', () => {
	expect(seaConfig(options)).toMatchObject({useCodeCache: false});
	expect(seaConfig(options)).not.toHaveProperty('useSnapshot');
});
