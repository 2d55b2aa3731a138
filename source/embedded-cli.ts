// The single executable's main script is main.ts alone. The whole CLI (3 MB
// with its dependencies) travels beside it as an asset and is compiled only
// when a command needs it: `--help` and `--version` start as fast as Node.
import module from 'node:module';
import {dirname, join} from 'node:path';
import {getAsset} from 'node:sea';
import {pathToFileURL} from 'node:url';

/** The asset's key in the executable; the release build stores the CLI bundle under it. */
export const embeddedCliAsset = 'kubectl-proxyinject.mjs';

export function loadEmbeddedCli(): void {
	// The executable's import() reaches built-in modules only, and its require
	// only files on disk: a module hook hands the asset to require, in memory.
	// The bundle has no top-level await, so require can load it as an ES module.
	// Its URL names a file beside the executable (there is none) so that Node's
	// compile cache, which main.ts turns on, keeps V8's code for it between runs.
	const specifier = `proxyinject:${embeddedCliAsset}`;
	const url = pathToFileURL(join(dirname(process.execPath), embeddedCliAsset)).href;
	module.registerHooks({
		resolve: (request, context, next) => (request === specifier ? {url, format: 'module', shortCircuit: true} : next(request, context)),
		load: (request, context, next) => (request === url ? {format: 'module', source: getAsset(embeddedCliAsset, 'utf8'), shortCircuit: true} : next(request, context)),
	});
	module.createRequire(process.execPath)(specifier);
}
