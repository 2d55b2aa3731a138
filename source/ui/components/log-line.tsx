import {Text} from 'ink';
import {formatDuration} from '../../progress/duration.ts';
import type {LogEntry} from '../../progress/state.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone} from './tone.tsx';
import {nodeReportText} from '../../view/node-report-text.ts';
import {printable} from '../../view/printable.ts';

/** A finished thing, printed once above the live area. */
export function LogLine(props: {readonly entry: LogEntry}) {
	const {entry} = props;
	const {symbols} = useTerminal();
	switch (entry.type) {
		case 'node': {
			const took = entry.durationMs === undefined ? '' : `  ${formatDuration(entry.durationMs)}`;
			if (entry.phase === 'done') {
				return (
					<Text>
						<Tone tone="ok">{symbols.phase.done} done</Tone>    {printable(entry.node)}
						<Tone tone="muted">{took}{entry.report === undefined ? '' : `  ${printable(nodeReportText(entry.report))}`}</Tone>
					</Text>
				);
			}

			if (entry.phase === 'skipped') {
				return (
					<Tone tone="muted">
						{symbols.phase.skipped} skipped {printable(entry.node)}
					</Tone>
				);
			}

			const exit = entry.failure?.exitCode === undefined ? '' : ` (exit ${entry.failure.exitCode})`;
			return (
				<Text>
					<Tone tone="bad">{symbols.phase.failed} failed</Tone>  {printable(entry.node)}
					{exit}
					{entry.failure === undefined ? '' : `: ${printable(entry.failure.reason)}`}
					<Tone tone="muted">{took}</Tone>
				</Text>
			);
		}

		case 'object': {
			return (
				<Tone tone="muted">
					{symbols.separator} {entry.kind} {printable(entry.name)} {entry.action}
				</Tone>
			);
		}
	}
}
