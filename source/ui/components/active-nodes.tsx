import {Box, Text} from 'ink';
import {formatDuration} from '../../progress/duration.ts';
import type {NodeProgress} from '../../progress/state.ts';
import {phaseLabels, plural} from '../state/phase-labels.ts';
import {useTerminal} from '../terminal-context.ts';
import {Spinner} from './spinner.tsx';
import {Tone} from './tone.tsx';
import {printable} from '../../view/printable.ts';

/** One live row per node being worked on; beyond `maxRows` only a count. */
export function ActiveNodes(props: {readonly nodes: readonly NodeProgress[]; readonly now: number; readonly maxRows: number}) {
	const {nodes, now, maxRows} = props;
	const {symbols} = useTerminal();
	const shown = nodes.slice(0, Math.max(1, maxRows));
	const nameWidth = Math.max(...shown.map(node => printable(node.name).length), 4) + 2;
	return (
		<Box flexDirection="column">
			{shown.map(node => (
				<Text key={node.name} wrap="truncate-end">
					<Tone tone="accent">
						<Spinner now={now} />
					</Tone>{' '}
					{printable(node.name).padEnd(nameWidth)}
					{phaseLabels[node.phase]}
					{'  '}
					<Tone tone="muted">{formatDuration(now - (node.startedAt ?? now))}</Tone>
					{node.attempts > 1 ? <Tone tone="warn"> (attempt {node.attempts})</Tone> : ''}
				</Text>
			))}
			{nodes.length > shown.length && (
				<Tone tone="muted">
					{symbols.ellipsis} and {plural(nodes.length - shown.length, 'more node')} in progress
				</Tone>
			)}
		</Box>
	);
}
