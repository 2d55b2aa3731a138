import {Box, Text} from 'ink';
import {plural} from '../state/phase-labels.ts';
import {KeyHints} from './key-hints.tsx';
import {Tone} from './tone.tsx';

export type InterruptState = 'none' | 'asking' | 'stopping';

/** What the first Ctrl-C opens, and what stopping looks like while nodes finish. */
export function InterruptPanel(props: {readonly state: Exclude<InterruptState, 'none'>; readonly inProgress: number}) {
	if (props.state === 'stopping') {
		return (
			<Box marginTop={1}>
				<Text>
					<Tone tone="warn" bold>Stopping:</Tone> no more nodes will be released; waiting for {plural(props.inProgress, 'node')} in
					progress. Ctrl-C again aborts now.
				</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column" marginTop={1}>
			<Tone tone="warn" bold>
				Stop the rollout?
			</Tone>
			<KeyHints
				hints={[
					['s', 'stop releasing nodes and exit'],
					['k', 'keep going'],
					['Ctrl-C', 'abort now'],
				]}
			/>
		</Box>
	);
}
