import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {NodeInfo} from '../../inventory/types.ts';
import {type NodeColumns, platformOf, podsOf, runtimeOf} from '../state/node-columns.ts';
import {isSelectable} from '../state/selection.ts';
import {useTerminal} from '../terminal-context.ts';
import {ProxyStateLabel} from './proxy-state.tsx';
import {Tone} from './tone.tsx';
import {printable} from '../../view/printable.ts';

export type RowMarks = {
	readonly focused: boolean;
	/** Undefined when the table is not for picking nodes. */
	readonly checked?: boolean;
};

export function NodeRow(props: {readonly node: NodeInfo; readonly columns: NodeColumns; readonly marks: RowMarks}) {
	const {node, columns, marks} = props;
	const {symbols} = useTerminal();
	const greyed = !isSelectable(node);
	const tone = greyed ? 'muted' : undefined;
	const box = marks.checked === undefined ? '' : greyed ? symbols.unavailable : marks.checked ? symbols.checked : symbols.unchecked;
	return (
		<Box>
			<Box width={columns.marker} flexShrink={0}>
				<Text wrap="truncate-end">
					<Tone tone="accent">{marks.focused ? symbols.pointer : ' '}</Tone> <Tone tone={tone}>{box}</Tone>
				</Text>
			</Box>
			<Cell width={columns.name}>
				<Tone tone={tone} bold={marks.focused}>{printable(node.name)}</Tone>
			</Cell>
			<Cell width={columns.ready}>
				<Tone tone={greyed ? 'muted' : node.ready ? 'ok' : 'bad'}>{node.ready ? 'Ready' : 'NotReady'}</Tone>
			</Cell>
			<Cell width={columns.platform}>
				<Tone tone={tone}>{platformOf(node)}</Tone>
			</Cell>
			<Cell width={columns.runtime}>
				<Tone tone={tone}>{runtimeOf(node)}</Tone>
			</Cell>
			<Cell width={columns.pods}>
				<Tone tone={tone}>{podsOf(node)}</Tone>
			</Cell>
			<Box width={columns.state} flexShrink={0}>
				<ProxyStateLabel node={node} />
			</Box>
		</Box>
	);
}

function Cell(props: {readonly width: number; readonly children: ReactNode}) {
	return (
		<Box width={props.width} flexShrink={0} paddingRight={2}>
			<Text wrap="truncate-end">{props.children}</Text>
		</Box>
	);
}
