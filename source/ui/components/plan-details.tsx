import {Box, Text} from 'ink';
import type {SessionInfo} from '../../engine/engine.ts';
import type {Runtime} from '../../inventory/types.ts';
import type {RolloutPlan} from '../../plan/types.ts';
import {dropInPath} from '../state/drop-in.ts';
import {modeLabel, operationTitle, plural} from '../state/phase-labels.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone} from './tone.tsx';
import {drainLines, verifyLines} from '../../view/plain/format-plan.ts';
import {missingImageLines} from '../../view/plain/missing-image-lines.ts';
import {printable} from '../../view/printable.ts';

/** Everything a rollout will do, shown before the user agrees to it. */
export function PlanDetails(props: {readonly plan: RolloutPlan; readonly session: SessionInfo; readonly maxRows: number}) {
	const {plan, session, maxRows} = props;
	const {symbols} = useTerminal();
	const targets = plan.batches.flat();
	const byRuntime = new Map<Runtime, number>();
	for (const {runtime} of plan.disruptions) {
		byRuntime.set(runtime, (byRuntime.get(runtime) ?? 0) + 1);
	}

	const totalPods = plan.disruptions.reduce((sum, {pods}) => sum + pods, 0);
	const imageLines = missingImageLines(plan);
	// Each of those lines names long image references: count it as two rows of the screen.
	const shown = plan.disruptions.slice(0, Math.max(1, maxRows - 2 * imageLines.length));
	const nameWidth = Math.max(4, ...shown.map(({node}) => printable(node).length)) + 2;
	const verb = plan.operation === 'apply' ? 'write' : 'delete';
	const environment = [
		session.httpProxy === undefined ? undefined : `HTTP_PROXY=${session.httpProxy}`,
		session.httpsProxy === undefined ? undefined : `HTTPS_PROXY=${session.httpsProxy}`,
		session.noProxy.length === 0 ? undefined : `NO_PROXY=${session.noProxy.join(',')}`,
		// The subject is the CA file's own text.
		...(session.trustedCa ?? []).map(text => printable(`Trusted CA (besides the system roots): ${text}`)),
	].filter(line => line !== undefined);

	return (
		<Box flexDirection="column">
			<Text>
				<Tone bold>{operationTitle(plan.operation)}</Tone> on {plural(targets.length, 'node')}, {modeLabel(plan.mode, plan.parallel)}
				{plan.mode === 'node-by-node' ? ` (${plural(plan.batches.length, 'batch', 'batches')})` : ''}
			</Text>
			{[...byRuntime].map(([runtime, count]) => (
				<Text key={runtime}>
					{symbols.separator} {verb} {dropInPath(runtime)} on {plural(count, 'node')}, then <Tone tone="warn">restart {runtime}</Tone>
				</Text>
			))}
			{plan.operation === 'apply' && environment.map(line => (
				<Text key={line}>
					{'    '}
					{line}
				</Text>
			))}
			{plan.operation === 'apply' && session.noProxyDropped?.map(text => (
				<Text key={text}>
					{'    '}
					<Tone tone="warn">{printable(text)}</Tone>
				</Text>
			))}
			{plan.disruptions.length > 0 && (
				<Box flexDirection="column" marginTop={1}>
					<Text>
						Pods disrupted by the restarts: <Tone bold tone={totalPods > 0 ? 'warn' : undefined}>{totalPods}</Tone> in total
					</Text>
					{shown.map(({node, runtime, pods}) => (
						<Text key={node}>
							{'  '}
							{printable(node).padEnd(nameWidth)}
							{runtime.padEnd(12)}
							{plural(pods, 'pod')}
						</Text>
					))}
					{plan.disruptions.length > shown.length && (
						<Tone tone="muted">
							{'  '}
							{symbols.ellipsis} and {plural(plan.disruptions.length - shown.length, 'more node')}
						</Tone>
					)}
				</Box>
			)}
			{drainLines(plan).map(line => (
				<Tone key={line} tone={plan.drainTimeoutMs === undefined ? 'warn' : undefined}>
					{line}
				</Tone>
			))}
			{verifyLines(plan).map(line => (
				<Text key={line}>{printable(line)}</Text>
			))}
			{imageLines.map(line => (
				<Tone key={line} tone="warn">
					{printable(line)}
				</Tone>
			))}
			{plan.upToDate.length > 0 && <Text>Already up to date, nothing to do: {plural(plan.upToDate.length, 'node')}</Text>}
			{plan.skipped.length > 0 && (
				<Text wrap="truncate-end">
					<Tone tone="muted">
						Skipped: {plan.skipped.slice(0, 3).map(({node, reason}) => printable(`${node} (${reason})`)).join(', ')}
						{plan.skipped.length > 3 ? ` and ${plan.skipped.length - 3} more` : ''}
					</Tone>
				</Text>
			)}
		</Box>
	);
}
