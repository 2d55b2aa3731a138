import {Text} from 'ink';
import {formatDuration} from '../../progress/duration.ts';
import type {ProgressCounts} from '../../progress/state.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone} from './tone.tsx';

/**
 * `[████░░░░] 2/5  done 2 · failed 0 · … · ETA 1m 05s`; `eta` is 'none' once
 * there is nothing left to estimate, undefined while there is no basis yet.
 */
export function ProgressBar(props: {readonly counts: ProgressCounts; readonly eta?: number | 'none'; readonly width: number}) {
	const {counts, eta, width} = props;
	const {symbols} = useTerminal();
	const targets = Math.max(0, counts.total - counts.skipped);
	const finished = counts.done + counts.failed;
	const barWidth = Math.max(10, Math.min(30, width - 80));
	const filled = targets === 0 ? barWidth : Math.round((finished / targets) * barWidth);
	const sep = ` ${symbols.separator} `;
	return (
		<Text wrap="truncate-end">
			[<Tone tone="ok">{symbols.barFull.repeat(filled)}</Tone>
			<Tone tone="muted">{symbols.barEmpty.repeat(barWidth - filled)}</Tone>] {finished}/{targets}
			{'  '}
			<Tone tone="ok">done {counts.done}</Tone>
			{sep}
			<Tone tone={counts.failed > 0 ? 'bad' : undefined}>failed {counts.failed}</Tone>
			{sep}skipped {counts.skipped}
			{sep}held {counts.held}
			{sep}in progress {counts.pending}
			{eta === 'none' ? '' : `${sep}ETA ${eta === undefined ? '?' : formatDuration(eta)}`}
		</Text>
	);
}
