import {unattended} from './engine/controls.ts';
import {checkProxyInput} from './engine/prepare-apply.ts';
import type {ClusterEngine} from './engine/cluster-engine.ts';
import {exitCodes, OperationError, UsageError} from './errors.ts';
import {exitCodeForDrift, exitCodeForError, exitCodeForOutcome} from './exit-code.ts';
import {createLifecycle, handleStopSignals, type Lifecycle} from './lifecycle.ts';
import {buildRemovalManifests} from './manifests/build-manifests.ts';
import {manifestsToJson, manifestsToYaml} from './manifests/to-yaml.ts';
import {helpText} from './options/help.ts';
import {parseOptions, type CheckLimits, type Options} from './options/parse-options.ts';
import type {NodeInfo} from './inventory/types.ts';
import {readCaFiles} from './options/ca-files.ts';
import {readProxyEnvFile} from './options/proxy-env-file.ts';
import {checkSelection, selectNodes} from './plan/select-nodes.ts';
import {maskCredentials} from './settings/mask-credentials.ts';
import {version} from './version.ts';
import {batchedWriter} from './view/plain/batched-writer.ts';
import {formatPlan} from './view/plain/format-plan.ts';
import {reportEvents} from './view/plain/report-events.ts';
import {formatStatus} from './view/status/format-status.ts';
import {printable} from './view/printable.ts';

const out = (text: string) => process.stdout.write(text);
const line = (text: string) => out(`${text}\n`);

function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function resumeCommand(argv: readonly string[]) {
	return (operation: 'apply' | 'remove') => {
		const rest = argv.filter(word => !['apply', 'remove', 'status'].includes(word));
		const words = ['kubectl', 'proxyinject', operation, ...rest, ...(rest.some(word => word === '--yes' || word === '-y') ? [] : ['--yes'])];
		return maskCredentials(words.map(word => shellQuote(word)).join(' '));
	};
}

async function connect(options: Options, argv: readonly string[], plans?: 'apply' | 'remove'): Promise<ClusterEngine> {
	const {createClusterEngine} = await import('./engine/cluster-engine.ts');
	return createClusterEngine({
		kube: options.kube,
		proxy: options.command === 'apply' || (options.command === 'home' && (options.proxy.httpProxy ?? options.proxy.httpsProxy) !== undefined) ? options.proxy : undefined,
		images: options.images,
		resumeCommand: resumeCommand(argv),
		...(plans && {plans}),
	});
}

async function dryRun(options: Options, argv: readonly string[]): Promise<number> {
	const format = options.output === 'json' ? manifestsToJson : manifestsToYaml;
	if (options.command === 'remove') {
		const {configMap, remover} = buildRemovalManifests({namespace: options.kube.namespace, ...options.images});
		out(format([configMap, remover]));
		return exitCodes.done;
	}

	const engine = await connect(options, argv);
	if (engine.applyManifests === undefined) {
		throw new UsageError('apply needs a proxy: pass --http-proxy or --https-proxy (or both)', 'e.g. kubectl proxyinject apply --https-proxy http://proxy.corp:3128 --dry-run');
	}

	const {configMap, secret, injector} = engine.applyManifests;
	out(format([configMap, ...(secret ? [secret] : []), injector]));
	return exitCodes.done;
}

async function status(options: Options, argv: readonly string[], lifecycle: Lifecycle): Promise<number> {
	const engine = await connect(options, argv);
	if (options.watch) {
		const {printStatusWatch} = await import('./view/status/print-status-watch.ts');
		// From here the first Ctrl-C ends the watch in order: its connections are closed, its last rows written.
		view = 'watch';
		await printStatusWatch(engine.watchInventory(lifecycle.signal), options.selection, options.output ?? 'table', out);
		return exitCodes.interrupted;
	}

	const nodes = await engine.inventory(new AbortController().signal);
	if (options.check) {
		return checkStatus(engine, options, options.check, selectNodes(nodes, options.selection), lifecycle);
	}

	out(formatStatus(selectNodes(nodes, options.selection), options.output ?? 'table'));
	return exitCodes.done;
}

async function checkStatus(engine: ClusterEngine, options: Options, limits: CheckLimits, nodes: readonly NodeInfo[], lifecycle: Lifecycle): Promise<number> {
	const [{checkDrift}, {formatStatusWithDrift}, {checkProgressReporter}] = await Promise.all([import('./engine/check-drift.ts'), import('./view/status/format-drift.ts'), import('./view/status/check-progress.ts')]);
	const progress = checkProgressReporter(text => process.stderr.write(text), Boolean(process.stderr.isTTY) && !options.plain);
	progress.started(nodes.length, limits.parallel, limits.timeoutMs);
	// From here the first Ctrl-C stops the check in order: its pods are deleted.
	view = 'check';
	try {
		const drifts = await checkDrift(engine.client, options.kube.namespace, nodes, {...limits, image: options.images.image}, lifecycle.signal, checked => progress.checked(checked));
		out(formatStatusWithDrift(nodes, drifts, options.output ?? 'table'));
		return exitCodeForDrift(drifts.values());
	} finally {
		progress.finished();
	}
}

async function plainRollout(options: Options, argv: readonly string[], operation: 'apply' | 'remove', lifecycle: Lifecycle): Promise<number> {
	const engine = await connect(options, argv, operation);
	const {signal} = lifecycle;
	const plan = await engine.plan(operation, options.selection, options.rollout, signal);
	for (const text of formatPlan(plan, engine.session)) {
		line(maskCredentials(text));
	}

	const output = batchedWriter(out);
	try {
		// From here a signal stops the rollout gracefully: it reports what it left.
		view = 'plain';
		return exitCodeForOutcome(await reportEvents(engine.run(plan, unattended, signal), output.line));
	} finally {
		output.flush();
	}
}

async function interactive(options: Options, argv: readonly string[], lifecycle: Lifecycle): Promise<number> {
	const engine = await connect(options, argv);
	// React picks its build when first loaded: without this the dev build draws
	// every frame with React's development checks, about twice as slow (the
	// release bundle has production compiled in).
	process.env['NODE_ENV'] ??= 'production';
	const {runInteractive} = await import('./ui/run-interactive.tsx');
	// The app turns an aborted lifecycle into its own orderly end.
	view = 'interactive';
	return runInteractive(
		{
			engine,
			initial: {screen: options.command === 'apply' || options.command === 'remove' ? options.command : 'home', selection: options.selection, rollout: options.rollout, yes: options.yes, watch: options.watch},
		},
		lifecycle,
	);
}

async function main(argv: readonly string[], lifecycle: Lifecycle): Promise<number> {
	// kubectl_complete-proxyinject asks here; before the flags are read, since the line being completed is unfinished.
	if (argv[0] === '__complete') {
		const {runCompletion} = await import('./completion/run-completion.ts');
		return runCompletion(argv.slice(1), out);
	}

	const options = readCaFiles(readProxyEnvFile(parseOptions(argv)));
	if (options.version) {
		line(version());
		return exitCodes.done;
	}

	if (options.help) {
		out(helpText(options.command));
		return exitCodes.done;
	}

	if (options.command === 'apply') {
		checkProxyInput(options.proxy);
	}

	checkSelection(options.selection);

	const terminal = Boolean(process.stdout.isTTY && process.stdin.isTTY) && !options.plain && process.env['TERM'] !== 'dumb';
	if (options.dryRun) {
		return dryRun(options, argv);
	}

	if (options.command === 'status' || (options.command === 'home' && (!terminal || options.output !== undefined))) {
		return status(options, argv, lifecycle);
	}

	if (options.output !== undefined) {
		throw new UsageError(`-o/--output applies to status and --dry-run`, `For ${options.command}, drop -o, or add --dry-run to print the objects.`);
	}

	if (terminal) {
		return interactive(options, argv, lifecycle);
	}

	if (!options.yes) {
		throw new UsageError(`${options.command} changes nodes and there is no terminal to confirm in`, `Review with --dry-run or 'kubectl proxyinject status', then pass --yes.`);
	}

	return plainRollout(options, argv, options.command as 'apply' | 'remove', lifecycle);
}

function report(error: unknown): number {
	const hint = error instanceof UsageError || error instanceof OperationError ? error.hint : undefined;
	if (exitCodeForError(error) === exitCodes.interrupted) {
		process.stderr.write('interrupted\n');
		return exitCodes.interrupted;
	}

	// API error messages carry the server's text.
	const message = printable(error instanceof Error ? error.message : String(error));
	process.stderr.write(maskCredentials(`error: ${message}\n${hint ? `${printable(hint)}\n` : ''}`));
	if (!(error instanceof UsageError || error instanceof OperationError) && process.env['PROXYINJECT_DEBUG']) {
		process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
	}

	return exitCodeForError(error);
}

/** Which view runs a rollout or a watch: only then does a first signal stop gracefully instead of ending the command. */
let view: 'plain' | 'interactive' | 'watch' | 'check' | undefined;

const lifecycle = createLifecycle();
const signals = handleStopSignals(lifecycle, process, {
	graceful: () => view !== undefined,
	onStopping() {
		if (view === 'plain') {
			process.stderr.write('\nStopping: no further node is released (press Ctrl-C again to quit at once)...\n');
		}

		if (view === 'check') {
			process.stderr.write('\nStopping: deleting the check pods (press Ctrl-C again to quit at once)...\n');
		}
	},
});
const finished = main(process.argv.slice(2), lifecycle).then(
	code => code,
	(error: unknown) => report(error),
);
// The only place that ends the process: every path arrives here with an exit code.
void Promise.race([finished, signals.forced.then(() => exitCodes.interrupted)]).then(code => {
	process.exitCode = code;
	// Writes to a pipe complete later: exiting before they have would cut
	// `status -o json | jq` off at the pipe's 64 KiB.
	process.stdout.write('', () => process.exit(code));
});
