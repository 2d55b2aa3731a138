import {Text, type TextProps} from 'ink';
import type {ReactNode} from 'react';
import {useTerminal} from '../terminal-context.ts';

export type ToneName = 'ok' | 'bad' | 'warn' | 'muted' | 'accent';

const colors: Record<ToneName, string | undefined> = {
	ok: 'green',
	bad: 'red',
	warn: 'yellow',
	accent: 'cyan',
	muted: undefined,
};

/** Colored text when the terminal allows it; the words themselves always carry the meaning. */
export function Tone(props: {readonly tone?: ToneName; readonly bold?: boolean; readonly wrap?: TextProps['wrap']; readonly children: ReactNode}) {
	const {color} = useTerminal();
	const {tone, bold, wrap, children} = props;
	if (!color || tone === undefined) {
		return <Text bold={bold} wrap={wrap}>{children}</Text>;
	}

	return (
		<Text color={colors[tone]} dimColor={tone === 'muted'} bold={bold} wrap={wrap}>
			{children}
		</Text>
	);
}
