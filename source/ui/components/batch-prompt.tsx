import {Box, Text} from 'ink';
import {printable} from '../../view/printable.ts';
import {plural} from '../state/phase-labels.ts';
import {KeyHints} from './key-hints.tsx';
import {Tone} from './tone.tsx';

export const batchKeys = [
	['c', 'continue'],
	['C', 'continue without asking'],
	['p', 'pause (the rest stay held)'],
	['x', 'abort'],
] as const;

export function BatchPrompt(props: {readonly index: number; readonly count: number; readonly nodes: readonly string[]}) {
	const {index, count, nodes} = props;
	const names = printable(nodes.slice(0, 5).join(', ')) + (nodes.length > 5 ? ` and ${nodes.length - 5} more` : '');
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text wrap="truncate-end">
				<Tone tone="accent" bold>
					Batch {index + 1} of {count}
				</Tone>{' '}
				is next: {plural(nodes.length, 'node')} ({names})
			</Text>
			<KeyHints hints={batchKeys} />
		</Box>
	);
}
