import {Box, Text, useInput, useWindowSize} from 'ink';
import {useMemo, useState} from 'react';
import type {NodeInfo} from '../../inventory/types.ts';
import type {Operation, Selection} from '../../plan/types.ts';
import {KeyHints} from '../components/key-hints.tsx';
import {nodeTableChrome, NodeTable} from '../components/node-table.tsx';
import {Tone} from '../components/tone.tsx';
import {editLine} from '../state/line-edit.ts';
import {listMovement} from '../state/list-keys.ts';
import {operationTitle, plural} from '../state/phase-labels.ts';
import {filterNodes, initialSelection, isSelectable, toSelection, updateSelection} from '../state/selection.ts';
import {printable} from '../../view/printable.ts';

const pickKeys = [
	['space', 'toggle'],
	['a', 'all'],
	['n', 'none'],
	['/', 'filter'],
	['enter', 'plan'],
	['esc', 'back'],
] as const;

const filterKeys = [
	['enter', 'keep filter'],
	['esc', 'clear filter'],
] as const;

/** Lines around the table: title, filter line, key hints, message. */
const chrome = 4;

/** Pick the nodes to change; skipped nodes are listed, greyed, never picked. */
export function SelectScreen(props: {
	readonly operation: Operation;
	readonly nodes: readonly NodeInfo[];
	readonly seed: Selection;
	readonly onPlan: (selection: Selection) => void;
	readonly onBack: () => void;
}) {
	const {operation, nodes, seed, onPlan, onBack} = props;
	const {rows, columns} = useWindowSize();
	const [state, setState] = useState(() => initialSelection(nodes, seed));
	const [editing, setEditing] = useState(false);
	const [message, setMessage] = useState('');
	const visible = useMemo(() => filterNodes(nodes, state.filter), [nodes, state.filter]);
	const selectable = useMemo(() => nodes.filter(node => isSelectable(node)).length, [nodes]);
	const height = Math.max(3, rows - chrome - nodeTableChrome - 1);

	useInput((input, key) => {
		setMessage('');
		const movement = listMovement(input, key, height, !editing);
		if (movement !== undefined) {
			setState(current => updateSelection(current, movement, visible));
			return;
		}

		if (editing) {
			if (key.return) {
				setEditing(false);
			} else if (key.escape) {
				setEditing(false);
				setState(current => updateSelection(current, {type: 'filter', text: ''}, visible));
			} else {
				setState(current => updateSelection(current, {type: 'filter', text: editLine(current.filter, input, key)}, visible));
			}

			return;
		}

		if (input === ' ') {
			const node = visible[state.cursor];
			if (node !== undefined && !isSelectable(node)) {
				setMessage(printable(`${node.name} is skipped: ${node.reason || 'it cannot be configured'}`));
			}

			setState(current => updateSelection(current, {type: 'toggle'}, visible));
		} else if (input === 'a') {
			setState(current => updateSelection(current, {type: 'all'}, visible));
		} else if (input === 'n') {
			setState(current => updateSelection(current, {type: 'none'}, visible));
		} else if (input === '/') {
			setEditing(true);
		} else if (key.return) {
			if (state.checked.size === 0) {
				setMessage('Pick at least one node (space, or a for all).');
			} else {
				onPlan(toSelection(state, nodes));
			}
		} else if (key.escape || input === 'q') {
			onBack();
		}
	});

	return (
		<Box flexDirection="column">
			<Text>
				<Tone bold>{operationTitle(operation)}</Tone>: pick the nodes{' '}
				<Tone tone="muted">
					({state.checked.size} of {selectable} selected)
				</Tone>
			</Text>
			<Text>
				{editing || state.filter !== '' ? (
					<>
						<Tone tone="accent">/</Tone>
						{state.filter}
						{editing ? <Tone tone="muted">_</Tone> : ''} <Tone tone="muted">({plural(visible.length, 'match', 'matches')}, name or key=value)</Tone>
					</>
				) : (
					<Tone tone="muted">/ filters by name or label key=value</Tone>
				)}
			</Text>
			<NodeTable nodes={visible} cursor={state.cursor} height={height} width={columns} checked={state.checked} />
			<KeyHints hints={editing ? filterKeys : pickKeys} />
			{message !== '' && <Tone tone="warn">{message}</Tone>}
		</Box>
	);
}
