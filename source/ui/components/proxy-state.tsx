import {Text} from 'ink';
import type {NodeInfo, ProxyState} from '../../inventory/types.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone, type ToneName} from './tone.tsx';
import {printable} from '../../view/printable.ts';

const tones: Record<ProxyState, ToneName | undefined> = {
	configured: 'ok',
	stale: 'warn',
	held: 'warn',
	pending: 'accent',
	failed: 'bad',
	unconfigured: undefined,
	skipped: 'muted',
};

/** `✓ configured`, `⊘ skipped: windows node`. */
export function ProxyStateLabel(props: {readonly node: NodeInfo}) {
	const {node} = props;
	const {symbols} = useTerminal();
	return (
		<Text wrap="truncate-end">
			<Tone tone={tones[node.state]}>
				{symbols.state[node.state]} {node.state}
			</Tone>
			{node.reason === '' ? '' : `: ${printable(node.reason)}`}
		</Text>
	);
}
