// esbuild plugins that make the bundle independent of any node_modules on the
// machine it runs on: every package import is either bundled or replaced here.

import {readFile} from 'node:fs/promises';
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

/**
 * The plugin uses, of the client library, KubeConfig (with its auth plugins
 * and proxy agents) and the request types of its generated code. Its index
 * loads the rest as well (watch, exec, port-forward, informers, every API
 * class), and config.js loads the generated index for two names, and with it
 * every model: about 25 ms on every start. The bundle imports those parts
 * alone. A name the source takes from the library that is not here fails
 * the build ("No matching export"), so nothing goes missing unseen.
 */
export const clientLibraryParts: Plugin = {
	name: 'client-library-parts',
	setup(build) {
		const library = '@kubernetes/client-node';
		build.onResolve({filter: /^@kubernetes\/client-node$/}, args => (args.importer.includes('/node_modules/') ? undefined : {path: library, namespace}));
		build.onResolve({filter: /^\.\/gen\/index\.js$/}, args => (args.importer.endsWith('/node_modules/@kubernetes/client-node/dist/config.js') ? {path: 'client-node-gen', namespace} : undefined));
		build.onLoad({filter: /^@kubernetes\/client-node$/, namespace}, () => ({
			contents: [
				`export {KubeConfig} from '${library}/dist/config.js';`,
				`export {ApiException} from '${library}/dist/gen/apis/exception.js';`,
				`export {HttpMethod, RequestContext} from '${library}/dist/gen/http/http.js';`,
			].join('\n'),
			loader: 'js',
			resolveDir: build.initialOptions.absWorkingDir,
		}));
		build.onLoad({filter: /^client-node-gen$/, namespace}, () => ({
			contents: [
				`export {createConfiguration} from '${library}/dist/gen/configuration.js';`,
				`export {ServerConfiguration} from '${library}/dist/gen/servers.js';`,
			].join('\n'),
			loader: 'js',
			resolveDir: build.initialOptions.absWorkingDir,
		}));
	},
};

/**
 * meow's bundled dependencies run normalize-package-data (and with it the
 * SPDX license tables) when they load, although meow calls it only when
 * asked for the package's data, which the plugin never is: about 15 ms on
 * every start. The bundle makes that call lazy. The text is meow's build
 * output; a meow whose text differs stops the build, to be looked at again.
 */
export const meowLazyNormalize: Plugin = {
	name: 'meow-lazy-normalize',
	setup(build) {
		build.onLoad({filter: /\/node_modules\/meow\/build\/dependencies\.js$/}, async args => {
			const eager = 'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);';
			const text = await readFile(args.path, 'utf8');
			if (!text.includes(eager)) {
				throw new Error(`${args.path}: meow no longer loads normalize-package-data the way meowLazyNormalize expects; look at its build again`);
			}

			return {contents: text.replace(eager, 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);'), loader: 'js'};
		});
	},
};
