import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {NodeInfo} from '../../inventory/types.ts';
import {visibleWindow} from '../../progress/window.ts';
import {columnTitles, nodeColumns} from '../state/node-columns.ts';
import {NodeRow} from './node-row.tsx';
import {Tone} from './tone.tsx';

/** Lines the table needs besides its rows: the titles and the position line. */
export const nodeTableChrome = 2;

/**
 * Only the rows that fit are rendered, so thousands of nodes cost what a
 * screenful does. `checked` turns the table into a picker.
 */
export function NodeTable(props: {
	readonly nodes: readonly NodeInfo[];
	readonly cursor: number;
	readonly height: number;
	readonly width: number;
	readonly checked?: ReadonlySet<string>;
}) {
	const {nodes, cursor, height, width, checked} = props;
	const marker = checked === undefined ? 2 : 6;
	const columns = useMemo(() => nodeColumns(nodes, width, marker), [nodes, width, marker]);
	const {start, end} = visibleWindow(nodes.length, cursor, height);
	const rows = nodes.slice(start, end);
	return (
		<Box flexDirection="column">
			<Box>
				<Box width={columns.marker} flexShrink={0} />
				{(['name', 'ready', 'platform', 'runtime', 'pods', 'state'] as const).map(column => (
					<Box key={column} width={columns[column]} flexShrink={0}>
						<Tone tone="muted" bold>{columnTitles[column]}</Tone>
					</Box>
				))}
			</Box>
			{rows.map((node, offset) => (
				<NodeRow key={node.name} node={node} columns={columns} marks={{focused: start + offset === cursor, checked: checked?.has(node.name)}} />
			))}
			<Text>
				<Tone tone="muted">{nodes.length === 0 ? 'no nodes' : `nodes ${start + 1}-${end} of ${nodes.length}`}</Tone>
			</Text>
		</Box>
	);
}
