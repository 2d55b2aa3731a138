import type {CheckReport} from './check-report.ts';

/**
 * A node against the settings in force. Drift: `missing` (no drop-in),
 * `edited` (our files differ), `overridden` (another drop-in sets a proxy
 * variable over ours), `stale-runtime` (the files are right, the running
 * runtime does not have them: not restarted since). Not drift:
 * `in-sync`, `not-installed` (nothing expected, nothing there), `unknown`
 * (could not be told; `detail` says why), `skipped` (never checked).
 */
export type DriftState = 'in-sync' | 'missing' | 'edited' | 'stale-runtime' | 'overridden' | 'not-installed' | 'unknown' | 'skipped';

export type Drift = {readonly state: DriftState; readonly detail: string};

const drifted: ReadonlySet<DriftState> = new Set<DriftState>(['missing', 'edited', 'stale-runtime', 'overridden']);

export function isDrift(drift: Drift): boolean {
	return drifted.has(drift.state);
}

/** What the plugin expects on a node: nothing of ours (and why), or the settings in force. */
export type Expected =
	| {readonly kind: 'none'; readonly dropInName: string; readonly why: string}
	| {readonly kind: 'settings'; readonly dropInName: string; readonly variables: readonly string[]; readonly envFile: boolean};

const unknown = (detail: string): Drift => ({state: 'unknown', detail});

// systemd applies a unit's drop-ins in the order of their file names, across folders.
function overrides(path: string, variables: readonly string[], expected: Expected & {kind: 'settings'}): boolean {
	const name = path.slice(path.lastIndexOf('/') + 1);
	return Buffer.compare(Buffer.from(name), Buffer.from(expected.dropInName)) > 0 || variables.some(variable => !expected.variables.includes(variable));
}

function ourFiles(report: CheckReport, expected: Expected & {kind: 'settings'}, folder: string): Drift | undefined {
	const dropIn = `${folder}/${expected.dropInName}`;
	const envFile = `${folder}/${expected.dropInName.replace(/\.conf$/, '.env')}`;
	switch (report.dropIn) {
		case 'absent': {
			return {state: 'missing', detail: `${dropIn} is missing`};
		}

		case 'foreign': {
			return {state: 'edited', detail: `${dropIn} was not written by kubectl-proxyinject`};
		}

		case 'differs': {
			return {state: 'edited', detail: `${dropIn} differs from the settings in force`};
		}

		default:
	}

	if (expected.envFile && report.envFile !== 'matches') {
		return {state: 'edited', detail: `${envFile} ${report.envFile === 'absent' ? 'is missing' : 'differs from the settings in force'}`};
	}

	if (!expected.envFile && report.envFile !== 'absent') {
		return {state: 'edited', detail: `${envFile} is there, but the settings in force have no credentials`};
	}

	if (report.ca !== undefined && report.ca !== 'matches') {
		return {state: 'edited', detail: `the CA bundle of the settings in force ${report.ca === 'absent' ? 'is missing' : 'differs'} under /etc/systemd/system/proxyinject-ca`};
	}

	return undefined;
}

function runningRuntime(report: CheckReport): Drift {
	switch (report.runtimeEnv) {
		case 'matches': {
			return {state: 'in-sync', detail: ''};
		}

		case 'differs': {
			return {state: 'stale-runtime', detail: `${report.unit} (pid ${report.runtimePid ?? '?'}) runs with other proxy settings than its drop-ins give: not restarted since they changed`};
		}

		case 'not-running': {
			return unknown(`${report.unit} is not running`);
		}

		default: {
			return unknown(`the environment of ${report.unit}'s main process could not be read`);
		}
	}
}

/** Pure: one node's drift from what its check pod reported. */
export function decideDrift(report: CheckReport, expected: Expected): Drift {
	if (report.error) {
		return unknown(report.error === 'key-unreadable' ? 'the check pod could not read the settings key from the Secret' : 'the check script refused its inputs');
	}

	if (!report.unitLoaded) {
		return unknown(`${report.unit || 'the runtime unit'} is not a systemd unit on this node`);
	}

	const folder = `/etc/systemd/system/${report.unit}.d`;
	if (expected.kind === 'none') {
		if (report.dropIn === 'absent' && report.envFile === 'absent') {
			return {state: 'not-installed', detail: ''};
		}

		return report.dropIn === 'foreign'
			? {state: 'not-installed', detail: `${folder}/${expected.dropInName} is not from kubectl-proxyinject`}
			: {state: 'edited', detail: `files of kubectl-proxyinject are in ${folder}, but ${expected.why}`};
	}

	const files = ourFiles(report, expected, folder);
	if (files) {
		return files;
	}

	const overriding = report.others.filter(other => overrides(other.path, other.variables, expected));
	if (overriding.length > 0) {
		const named = overriding.map(other => `${other.path} (${other.variables.join(', ')})`).join(', ');
		return {state: 'overridden', detail: `${named} ${overriding.length === 1 ? 'sets' : 'set'} proxy variables over the drop-in of kubectl-proxyinject${report.othersTruncated ? ', and more' : ''}`};
	}

	return runningRuntime(report);
}
