import {Box, Text} from 'ink';
import type {NodeFailure} from '../../inventory/types.ts';
import {useTerminal} from '../terminal-context.ts';
import {KeyHints} from './key-hints.tsx';
import {Tone} from './tone.tsx';
import {printable} from '../../view/printable.ts';

export const failureKeys = [
	['r', 'retry'],
	['s', 'skip this node'],
	['q', 'stop the rollout'],
] as const;

/** Why a node failed, with the end of its log, and what to do next. */
export function FailurePanel(props: {readonly node: string; readonly failure: NodeFailure; readonly maxLogLines: number}) {
	const {node, failure, maxLogLines} = props;
	const {unicode} = useTerminal();
	const tail = failure.logTail.slice(-Math.max(1, maxLogLines));
	return (
		<Box flexDirection="column" borderStyle={unicode ? 'round' : 'classic'} paddingX={1} marginTop={1}>
			<Text>
				<Tone tone="bad" bold>
					{printable(node)} failed
				</Tone>
				: {printable(failure.reason)}
			</Text>
			<Text>exit code: {failure.exitCode ?? 'none'}</Text>
			{tail.length > 0 && (
				<Box flexDirection="column">
					<Tone tone="muted">last {tail.length === 1 ? 'line' : `${tail.length} lines`} of the log:</Tone>
					{tail.map((line, index) => (
						<Text key={index} wrap="truncate-end">
							{'  '}
							{printable(line)}
						</Text>
					))}
				</Box>
			)}
			<KeyHints hints={failureKeys} />
		</Box>
	);
}
