import {expect, test} from 'vitest';
import {seaConfig} from './sea.ts';

const options = {bundle: '/b/cli.mjs', node: '/n/node', output: '/o/kubectl-proxyinject', config: '/o/sea.json'};

test('an ES module main script, injected into the given Node binary', () => {
	expect(seaConfig({...options, useCodeCache: false})).toMatchObject({
		main: '/b/cli.mjs',
		mainFormat: 'module',
		executable: '/n/node',
		output: '/o/kubectl-proxyinject',
		disableExperimentalSEAWarning: true,
		useCodeCache: false,
	});
});

test('the user\'s NODE_OPTIONS never reach the plugin', () => {
	expect(seaConfig({...options, useCodeCache: true})).toMatchObject({execArgvExtension: 'none', useCodeCache: true});
});

test('no startup snapshot: Node does not build one from an ES module main script', () => {
	expect(seaConfig({...options, useCodeCache: true})).not.toHaveProperty('useSnapshot');
});
