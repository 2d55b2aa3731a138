import {expect, test} from 'vitest';
import {seaConfig} from './sea.ts';

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

test('nothing that differs from one build to the next: no V8 code cache, no startup snapshot', () => {
	expect(seaConfig(options)).toMatchObject({useCodeCache: false});
	expect(seaConfig(options)).not.toHaveProperty('useSnapshot');
});
