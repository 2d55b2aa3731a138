import {Box, Text, useInput, useWindowSize} from 'ink';
import {useState} from 'react';
import type {SessionInfo} from '../../engine/engine.ts';
import type {Operation} from '../../plan/types.ts';
import type {NodeInfo} from '../../inventory/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {nodeTableChrome, NodeTable} from '../components/node-table.tsx';
import {SessionHeader, sessionHeaderHeight} from '../components/session-header.tsx';
import {Spinner} from '../components/spinner.tsx';
import {Tone} from '../components/tone.tsx';
import {useClock} from '../hooks/use-clock.ts';
import type {CallState} from '../hooks/use-engine-call.ts';
import {listMovement} from '../state/list-keys.ts';
import {moveCursor} from '../state/selection.ts';
import {useTerminal} from '../terminal-context.ts';

/** The session and every node's proxy state, with the actions to take. */
export function HomeScreen(props: {
	readonly session: SessionInfo;
	readonly inventory: CallState<readonly NodeInfo[]>;
	/** The table follows the cluster by watch: no refresh key. */
	readonly live?: boolean;
	readonly onChoose: (operation: Operation) => void;
	readonly onRefresh: () => void;
	readonly onQuit: () => void;
}) {
	const {session, inventory, live = false, onChoose, onRefresh, onQuit} = props;
	const {rows, columns} = useWindowSize();
	const {animate, symbols} = useTerminal();
	const now = useClock(animate ? 100 : 1000, inventory.status === 'loading');
	const [cursor, setCursor] = useState(0);
	// Apply needs proxy flags that only the command line can give: say so instead of failing later.
	const canApply = session.httpProxy !== undefined || session.httpsProxy !== undefined;
	const [notice, setNotice] = useState<string | undefined>();
	const nodes = inventory.status === 'ready' ? inventory.value : [];
	const height = Math.max(3, rows - sessionHeaderHeight(session, columns) - nodeTableChrome - 3 - (live ? 1 : 0));

	useInput((input, key) => {
		const movement = listMovement(input, key, height, true);
		if (movement !== undefined) {
			setCursor(current => moveCursor(current, movement, nodes.length));
		} else if (input === 'a' && !canApply) {
			setNotice('apply needs a proxy: quit (q) and start again with --https-proxy URL (and --http-proxy, --no-proxy as needed)');
		} else if (input === 'a' || input === 'r') {
			onChoose(input === 'a' ? 'apply' : 'remove');
		} else if (input === 's' && !live) {
			onRefresh();
		} else if (input === 'q') {
			onQuit();
		}
	});

	return (
		<Box flexDirection="column">
			<SessionHeader session={session} />
			<Box marginTop={1} flexDirection="column">
				{inventory.status === 'loading' ? (
					<Text>
						<Spinner now={now} /> Reading nodes{symbols.ellipsis}
					</Text>
				) : (
					<NodeTable nodes={nodes} cursor={cursor} height={height} width={columns} />
				)}
			</Box>
			{live ? <Tone tone="muted">live: rows follow the cluster as it changes</Tone> : undefined}
			{notice ? <Text color="yellow">{symbols.state.failed} {notice}</Text> : undefined}
			<KeyHints
				hints={[
					['a', canApply ? 'apply' : 'apply (needs --https-proxy)'],
					['r', 'remove'],
					...(live ? [] : [['s', 'status (refresh)'] as const]),
					[symbols.arrows, 'scroll'],
					['q', 'quit'],
				]}
			/>
		</Box>
	);
}
