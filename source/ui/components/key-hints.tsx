import {Box, Text} from 'ink';
import {Tone} from './tone.tsx';

/** `[a] apply  [r] remove`: the keys a screen listens to, shown where it listens. */
export function KeyHints(props: {readonly hints: readonly (readonly [key: string, action: string])[]}) {
	return (
		<Box flexWrap="wrap" columnGap={2}>
			{props.hints.map(([key, action]) => (
				<Text key={key}>
					<Tone tone="accent" bold>[{key}]</Tone> {action}
				</Text>
			))}
		</Box>
	);
}
