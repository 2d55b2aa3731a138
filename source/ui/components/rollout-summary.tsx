import {Box, Text} from 'ink';
import {formatDuration} from '../../progress/duration.ts';
import type {ProgressState, RolloutResult} from '../../progress/state.ts';
import {operationTitle, plural} from '../state/phase-labels.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone, type ToneName} from './tone.tsx';
import {printable} from '../../view/printable.ts';

const headlines: Record<RolloutResult['outcome'], readonly [ToneName, string]> = {
	done: ['ok', 'Done'],
	failed: ['bad', 'Failed'],
	interrupted: ['warn', 'Stopped'],
	'nothing-to-do': ['ok', 'Nothing to do'],
};

/** The last thing printed: what happened, how long it took, and what to run next. */
export function RolloutSummary(props: {readonly progress: ProgressState; readonly result: RolloutResult}) {
	const {progress, result} = props;
	const {symbols} = useTerminal();
	const [tone, headline] = headlines[result.outcome];
	const symbol = result.outcome === 'done' || result.outcome === 'nothing-to-do' ? symbols.phase.done : result.outcome === 'failed' ? symbols.phase.failed : symbols.phase.held;
	const elapsed = progress.startedAt === undefined || progress.finishedAt === undefined ? undefined : progress.finishedAt - progress.startedAt;
	const sep = ` ${symbols.separator} `;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Tone tone={tone} bold>
					{symbol} {headline}
				</Tone>
				: {operationTitle(progress.operation ?? 'apply').toLowerCase()}
				{elapsed === undefined ? '' : `, ${formatDuration(elapsed)}`}
			</Text>
			<Text>
				done {result.done.length}
				{sep}failed {result.failed.length}
				{sep}skipped {result.skipped.length}
				{sep}held {result.held.length}
				{result.inFlight.length > 0 ? `${sep}still starting ${result.inFlight.length}` : ''}
				{progress.upToDate.length > 0 ? `${sep}already up to date ${progress.upToDate.length}` : ''}
			</Text>
			{result.failed.length > 0 && (
				<Text wrap="truncate-end">
					<Tone tone="bad">failed:</Tone> {printable(result.failed.slice(0, 10).join(', '))}
					{result.failed.length > 10 ? ` and ${plural(result.failed.length - 10, 'more node')}` : ''}
				</Text>
			)}
			{result.next !== undefined && (
				<Text>
					{result.held.length > 0 || result.inFlight.length > 0 || result.failed.length > 0 ? 'To go on or undo: ' : 'Next: '}
					<Tone tone="accent" bold>
						{result.next}
					</Tone>
				</Text>
			)}
		</Box>
	);
}
