// esbuild plugins that make the bundle independent of any node_modules on the
// machine it runs on: every package import is either bundled or replaced here.

import {isBuiltin} from 'node:module';
import type {Plugin} from 'esbuild';

const namespace = 'proxyinject-stub';
const builtinNamespace = 'proxyinject-builtin';

/** Optional imports that dependencies guard with try/catch: they behave as if not installed. */
export const absentModules = ['bufferutil', 'utf-8-validate', 'supports-color'] as const;

function exactly(names: readonly string[]): RegExp {
	return new RegExp(`^(${names.map(name => name.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/**
 * Ink imports react-devtools-core only when DEV=true; the bundle leaves it
 * out and keeps Ink's calls harmless.
 */
export const stubDevtools: Plugin = {
	name: 'stub-react-devtools-core',
	setup(build) {
		build.onResolve({filter: /^react-devtools-core$/}, args => ({path: args.path, namespace}));
		build.onLoad({filter: /^react-devtools-core$/, namespace}, () => ({
			contents: 'export default {initialize() {}, connectToDevTools() {}};',
			loader: 'js',
		}));
	},
};

/** A require() of these throws MODULE_NOT_FOUND, the way it would without the package. */
export const stubAbsentModules: Plugin = {
	name: 'stub-absent-modules',
	setup(build) {
		const filter = exactly(absentModules);
		build.onResolve({filter}, args => ({path: args.path, namespace}));
		build.onLoad({filter, namespace}, args => ({
			contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find module '${args.path}'`)}), {code: 'MODULE_NOT_FOUND'});`,
			loader: 'js',
		}));
	},
};

/**
 * The client library imports undici's index for its two dispatchers, and the
 * index loads all of undici: fetch, WebSocket, caches, mocks, and with them
 * about a hundred of Node's own modules, on every start. The bundle gives the
 * library the dispatchers alone, with the request methods the index adds to
 * them (source/cluster/transport.ts sends every request through one). The
 * library's own fetch is never called (the transport replaces it); should it
 * be, Node's fetch answers.
 */
export const undiciDispatchersOnly: Plugin = {
	name: 'undici-dispatchers-only',
	setup(build) {
		build.onResolve({filter: /^undici$/}, args => (args.importer.includes('/node_modules/@kubernetes/client-node/') ? {path: 'undici', namespace} : undefined));
		build.onLoad({filter: /^undici$/, namespace}, () => ({
			contents: [
				`import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';`,
				`import api from 'undici/lib/api/index.js';`,
				`import Agent from 'undici/lib/dispatcher/agent.js';`,
				`import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';`,
				`Object.assign(Dispatcher.prototype, api);`,
				`export {Agent, ProxyAgent};`,
				`export const fetch = (...args) => globalThis.fetch(...args);`,
			].join('\n'),
			loader: 'js',
			resolveDir: build.initialOptions.absWorkingDir,
		}));
	},
};

/**
 * An ES import of a built-in module makes Node build an ES facade of it,
 * which reads every export: for node:http that loads Node's own undici for
 * its WebSocket getters, about 70 ms on every start. Required instead, a
 * built-in loads when the module that uses it first runs, and nothing reads
 * the exports the plugin never uses.
 */
export const builtinsThroughRequire: Plugin = {
	name: 'builtins-through-require',
	setup(build) {
		build.onResolve({filter: /^[a-z_:/]+$/}, args => (args.kind === 'import-statement' && isBuiltin(args.path) ? {path: args.path, namespace: builtinNamespace} : undefined));
		build.onLoad({filter: /.*/, namespace: builtinNamespace}, args => ({contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
};
