import {Text} from 'ink';
import {useTerminal} from '../terminal-context.ts';

const frameMs = 100;

/** A frame picked from the screen's clock, so all spinners share one timer; still when animation is off. */
export function Spinner(props: {readonly now: number}) {
	const {animate, symbols} = useTerminal();
	const frame = animate ? symbols.spinner[Math.floor(props.now / frameMs) % symbols.spinner.length] : symbols.phase.running;
	return <Text>{frame}</Text>;
}

export const spinnerFrameMs = frameMs;
