import {Box, Text} from 'ink';
import type {SessionInfo} from '../../engine/engine.ts';
import {useTerminal} from '../terminal-context.ts';
import {Tone} from './tone.tsx';
import {printable} from '../../view/printable.ts';

/** Where we are and which proxy settings apply, before anything happens. */
export function SessionHeader(props: {readonly session: SessionInfo}) {
	const {session} = props;
	const {symbols} = useTerminal();
	const proxies: readonly [string, string | undefined][] = [
		['HTTP_PROXY', session.httpProxy],
		['HTTPS_PROXY', session.httpsProxy],
	];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Tone bold>context</Tone> {printable(session.context)} {symbols.separator} <Tone bold>server</Tone> {printable(session.server)}{' '}
				{symbols.separator} <Tone bold>namespace</Tone> {session.namespace}
			</Text>
			{proxies.map(([name, value]) => value === undefined ? undefined : (
				<Text key={name} wrap="truncate-end">
					<Tone tone="muted">{name.padEnd(12)}</Tone>
					{value}
				</Text>
			))}
			{session.noProxy.length > 0 && (
				<Text>
					<Tone tone="muted">{'NO_PROXY'.padEnd(12)}</Tone>
					{session.noProxy.join(',')}
				</Text>
			)}
		</Box>
	);
}

/** Lines the header takes at `columns`: the node table gets the rest. */
export function sessionHeaderHeight(session: SessionInfo, columns: number): number {
	const proxies = [session.httpProxy, session.httpsProxy].filter(value => value !== undefined).length;
	const noProxyWidth = 12 + session.noProxy.join(',').length;
	const noProxy = session.noProxy.length > 0 ? Math.ceil(noProxyWidth / Math.max(1, columns)) : 0;
	return 1 + proxies + noProxy;
}
