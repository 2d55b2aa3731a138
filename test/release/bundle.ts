// Bundles the CLI and everything it imports into one ES module that only
// imports Node's built-in modules: the main script of the single executable
// applications.

import {isBuiltin} from 'node:module';
import * as esbuild from 'esbuild';
import {stubAbsentModules, stubDevtools} from './bundle-plugins.ts';

export type BundleOptions = {
	/** The project folder: packages resolve from its node_modules, and inputs are named relative to it. */
	readonly root: string;
	readonly entry: string;
	readonly outfile: string;
	readonly version: string;
	/** File name to text: what source/manifests/host-scripts.ts would read from disk. */
	readonly hostScripts: Readonly<Record<string, string>>;
};

export type Bundle = {
	readonly file: string;
	readonly bytes: number;
	/** Every bundled source file, relative to the root (to collect licenses). */
	readonly inputs: readonly string[];
	readonly warnings: readonly string[];
};

// Bundled CommonJS dependencies require() Node's built-in modules, and an ES
// module has no require of its own.
const requireShim = [
	`import {createRequire as __proxyinjectCreateRequire} from 'node:module';`,
	`const require = __proxyinjectCreateRequire(import.meta.url);`,
].join('\n');

export async function bundleCli(options: BundleOptions): Promise<Bundle> {
	const result = await esbuild.build({
		absWorkingDir: options.root,
		entryPoints: [options.entry],
		outfile: options.outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node22',
		// Identifiers stay readable: stack traces (PROXYINJECT_DEBUG) and Function#name still make sense.
		minifyWhitespace: true,
		minifySyntax: true,
		legalComments: 'none',
		metafile: true,
		logLevel: 'silent',
		banner: {js: requireShim},
		define: {
			PROXYINJECT_VERSION: JSON.stringify(options.version),
			PROXYINJECT_HOST_SCRIPTS: JSON.stringify(options.hostScripts),
			// React and friends pick their production builds.
			'process.env.NODE_ENV': '"production"',
		},
		plugins: [stubDevtools, stubAbsentModules],
	});

	const [output] = Object.values(result.metafile.outputs);
	if (!output) {
		throw new Error('esbuild wrote no bundle');
	}

	const strays = [...new Set(output.imports.filter(item => item.external && !isBuiltin(item.path)).map(item => item.path))];
	if (strays.length > 0) {
		throw new Error(`the bundle would load ${strays.join(', ')} from the machine it runs on: bundle or stub ${strays.length === 1 ? 'it' : 'them'} (test/release/bundle-plugins.ts)`);
	}

	const warnings = await esbuild.formatMessages(result.warnings, {kind: 'warning', color: false});
	return {file: options.outfile, bytes: output.bytes, inputs: Object.keys(output.inputs), warnings};
}
