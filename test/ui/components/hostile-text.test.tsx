import {afterEach, expect, test} from 'vitest';
import {FailurePanel} from '../../../source/ui/components/failure-panel.tsx';
import {LogLine} from '../../../source/ui/components/log-line.tsx';
import {NodeTable} from '../../../source/ui/components/node-table.tsx';
import {ErrorView} from '../../../source/ui/components/error-view.tsx';
import {PlanDetails} from '../../../source/ui/components/plan-details.tsx';
import {nodeInfo} from '../../inventory/node-info.ts';
import {renderUi, type Ui} from '../render-ui.tsx';

// What a node (or whoever can write its status) could put into the fields we show.
const clipboardWrite = '\u001B]52;c;Y3VybCBldmlsIHwgc2g=\u0007';
const clearScreen = '\u001B[2J';
const hostile = `${clipboardWrite}${clearScreen}\r\u009B31m`;

let ui: Ui | undefined;
afterEach(() => {
	ui?.unmount();
	ui = undefined;
});

/** Ink's own colour codes (SGR, `ESC [ ... m`) are the only control sequences allowed. */
function expectOnlyColourCodes(raw: string) {
	const withoutColours = raw.replaceAll(/\u001B\[[\d;]*m/g, '');
	expect(withoutColours).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u);
}

test('the node table shows a hostile runtime version, OS and reason spelled out', () => {
	const node = nodeInfo('node-a', {runtimeVersion: `containerd://1.7${hostile}`, os: `linux${clearScreen}`, state: 'skipped', reason: `runtime ${hostile}`});
	ui = renderUi(<NodeTable nodes={[node]} cursor={0} height={5} width={200} />);
	expectOnlyColourCodes(ui.rawFrame());
	expect(ui.frame()).toContain('containerd://1.7\\x1b]52');
	expect(ui.frame()).toContain('skipped: runtime \\x1b]52;c;');
});

test('the failure panel shows a hostile reason and log tail spelled out', () => {
	ui = renderUi(<FailurePanel node="node-a" failure={{exitCode: 1, reason: `Error${hostile}`, logTail: [`ok${hostile}`, '\u001B[1A\u001B[2Kforged line']}} maxLogLines={5} />);
	expectOnlyColourCodes(ui.rawFrame());
	expect(ui.frame()).toContain('\\x1b[1A\\x1b[2Kforged line');
});

test('finished lines and errors spell out control characters from object names, reasons and API messages', () => {
	ui = renderUi(<LogLine entry={{type: 'object', at: 0, kind: 'ConfigMap', name: `name${hostile}`, action: 'applied'}} />);
	expectOnlyColourCodes(ui.rawFrame());
	ui.unmount();
	ui = renderUi(<LogLine entry={{type: 'node', node: 'node-a', phase: 'failed', failure: {exitCode: 2, reason: `x${hostile}`, logTail: []}}} />);
	expectOnlyColourCodes(ui.rawFrame());
	ui.unmount();
	ui = renderUi(<ErrorView error={new Error(`list nodes: ${hostile}`)} />);
	expectOnlyColourCodes(ui.rawFrame());
	expect(ui.frame()).toContain('\\x07');
});

test('the plan names each node value left out of NO_PROXY, spelled out', () => {
	const plan = {operation: 'apply', mode: 'node-by-node', parallel: 1, timeoutMs: 300_000, batches: [['node-a']], upToDate: [], skipped: [], disruptions: []} as const;
	const session = {context: 'c', server: 'https://api:6443', namespace: 'kube-system', httpsProxy: 'http://***@proxy:3128', noProxy: ['localhost'], noProxyDropped: [`node evil: InternalIP "*${clearScreen}" left out of NO_PROXY (bad)`]};
	ui = renderUi(<PlanDetails plan={plan} session={session} maxRows={5} />);
	expectOnlyColourCodes(ui.rawFrame());
	expect(ui.frame()).toContain('node evil: InternalIP "*\\x1b[2J" left out of NO_PROXY');
});
