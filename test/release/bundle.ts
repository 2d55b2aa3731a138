// Bundles the CLI and everything it imports into one ES module that only
// imports Node's built-in modules, which the single executable carries as an
// asset; and the executable's small main script, which loads it when needed.

import {isBuiltin} from 'node:module';
import {dirname, join} from 'node:path';
import * as esbuild from 'esbuild';
import {embeddedCliAsset} from '../../source/embedded-cli.ts';
import {builtinsThroughRequire, clientLibraryParts, meowLazyNormalize, stubAbsentModules, stubDevtools, undiciDispatchersOnly} from './bundle-plugins.ts';

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
// module has no require of its own. The executable loads the bundle from
// memory, under a URL that is no base for the URLs dependencies build from
// import.meta.url at load time: they get the executable's own file URL.
const moduleUrl = '__proxyinjectModuleUrl';
const requireShim = [
	`import {createRequire as __proxyinjectCreateRequire} from 'node:module';`,
	`import {pathToFileURL as __proxyinjectFileUrl} from 'node:url';`,
	`const ${moduleUrl} = __proxyinjectFileUrl(process.execPath).href;`,
	`const require = __proxyinjectCreateRequire(${moduleUrl});`,
].join('\n');

type BuildOptions = Pick<BundleOptions, 'root' | 'entry' | 'outfile' | 'version'> & {
	readonly define?: Readonly<Record<string, string>>;
	readonly plugins?: readonly esbuild.Plugin[];
	readonly banner?: string;
	readonly footer?: string;
};

/** The executable's main script: main.ts, whose import of the CLI loads the bundle embedded as an asset (source/embedded-cli.ts). */
export async function bundleSeaMain(options: Pick<BundleOptions, 'root' | 'entry' | 'outfile' | 'version'>): Promise<Bundle> {
	const loader = join(options.root, 'source', 'embedded-cli.ts');
	const embeddedCli: esbuild.Plugin = {
		name: 'embedded-cli',
		setup(build) {
			build.onResolve({filter: /^\.\/cli\.ts$/}, args => (args.importer === options.entry ? {path: 'cli', namespace: 'embedded-cli'} : undefined));
			build.onLoad({filter: /.*/, namespace: 'embedded-cli'}, () => ({
				contents: `import {loadEmbeddedCli} from ${JSON.stringify(loader)};\nloadEmbeddedCli();\n`,
				loader: 'js',
				resolveDir: dirname(loader),
			}));
		},
	};
	const bundle = await build({...options, plugins: [embeddedCli]});
	if (!bundle.inputs.includes('source/embedded-cli.ts') || bundle.inputs.includes('source/cli.ts')) {
		throw new Error(`the executable's main script must load the CLI from its asset, not carry it: ${options.entry} no longer imports ./cli.ts`);
	}

	return bundle;
}

export async function bundleCli(options: BundleOptions): Promise<Bundle> {
	return build({
		...options,
		define: {
			'import.meta.url': moduleUrl,
			PROXYINJECT_HOST_SCRIPTS: JSON.stringify(options.hostScripts),
		},
		plugins: [stubDevtools, stubAbsentModules, clientLibraryParts, meowLazyNormalize, undiciDispatchersOnly, builtinsThroughRequire],
		banner: requireShim,
		// Stack traces name the bundle by its asset, not by the URL it is loaded from.
		footer: `//# sourceURL=${embeddedCliAsset}`,
	});
}

async function build(options: BuildOptions): Promise<Bundle> {
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
		...(options.banner && {banner: {js: options.banner}}),
		...(options.footer && {footer: {js: options.footer}}),
		define: {
			PROXYINJECT_VERSION: JSON.stringify(options.version),
			// React and friends pick their production builds.
			'process.env.NODE_ENV': '"production"',
			...options.define,
		},
		plugins: [...(options.plugins ?? [])],
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
