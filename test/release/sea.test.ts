import {expect, test} from 'vitest';
import {heapFlags, seaConfig} from './sea.ts';

const options = {bundle: '/b/cli.mjs', node: '/n/node', output: '/o/kubectl-proxyinject', config: '/o/sea.json'};

test('an ES module main script, injected into the given Node binary', () => {
	expect(seaConfig(options)).toMatchObject({
		main: 'cli.mjs',
		mainFormat: 'module',
		executable: '/n/node',
		output: '/o/kubectl-proxyinject',
		disableExperimentalSEAWarning: true,
	});
});

test('the main script is named without its folder: the executable records the name, and must not depend on where it was built', () => {
	expect(seaConfig({...options, bundle: '/tmp/elsewhere/cli.mjs'}).main).toBe(seaConfig(options).main);
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
