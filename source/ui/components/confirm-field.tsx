import {Box, Text} from 'ink';
import type {ConfirmationCheck} from '../state/confirmation.ts';
import {Tone} from './tone.tsx';

/** The typed confirmation: what to type, what was typed, and why it was refused. */
export function ConfirmField(props: {readonly count: number; readonly value: string; readonly refused?: Exclude<ConfirmationCheck, 'confirmed'>}) {
	const {count, value, refused} = props;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				Type <Tone bold>{count}</Tone> (the number of nodes to restart) or <Tone bold>yes</Tone> and press Enter to go ahead; Esc goes back.
			</Text>
			<Text>
				<Tone tone="accent">{'> '}</Tone>
				{value}
				<Tone tone="muted">_</Tone>
			</Text>
			{refused === 'empty' && <Tone tone="warn">Enter alone does not confirm: type {count} or yes.</Tone>}
			{refused === 'wrong' && <Tone tone="bad">That is not {count} or yes: nothing was changed.</Tone>}
		</Box>
	);
}
