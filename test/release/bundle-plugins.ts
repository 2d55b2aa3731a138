// esbuild plugins that make the bundle independent of any node_modules on the
// machine it runs on: every package import is either bundled or replaced here.

import type {Plugin} from 'esbuild';

const namespace = 'proxyinject-stub';

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
