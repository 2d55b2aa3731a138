// The entry point. `--help` and `--version` are answered here, loading only
// the help text: no option parser, Kubernetes client or UI. Everything else
// goes to the CLI, with V8's compile cache on before its modules load (it only
// helps modules loaded after it is on): on a warm cache this starts the plugin
// (and its Kubernetes client) noticeably faster.
import module from 'node:module';
import {quickAnswer} from './options/quick-answer.ts';

const quick = quickAnswer(process.argv.slice(2));
if (quick?.kind === 'version') {
	const {version} = await import('./version.ts');
	process.stdout.write(`${version()}\n`);
} else if (quick?.kind === 'help') {
	const {helpText} = await import('./options/help.ts');
	process.stdout.write(helpText(quick.command));
} else {
	module.enableCompileCache?.();
	await import('./cli.ts');
}
