import {Box, Text} from 'ink';
import {useTerminal} from '../terminal-context.ts';
import {Tone} from './tone.tsx';
import {printable} from '../../view/printable.ts';

export function ErrorView(props: {readonly error: unknown}) {
	const {symbols} = useTerminal();
	const {error} = props;
	// API error messages carry the server's text.
	const message = printable(error instanceof Error ? error.message : String(error));
	const hint = error instanceof Error && 'hint' in error && typeof error.hint === 'string' ? error.hint : undefined;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Tone tone="bad" bold>
					{symbols.phase.failed} error
				</Tone>{' '}
				{message}
			</Text>
			{hint !== undefined && <Tone tone="muted">{printable(hint)}</Tone>}
		</Box>
	);
}
