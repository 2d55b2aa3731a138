import {Box, Text, useInput, useWindowSize} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {Engine} from '../../engine/engine.ts';
import type {Operation, RolloutOptions, RolloutPlan, Selection} from '../../plan/types.ts';
import {ConfirmField} from '../components/confirm-field.tsx';
import {KeyHints} from '../components/key-hints.tsx';
import {PlanDetails} from '../components/plan-details.tsx';
import {Spinner} from '../components/spinner.tsx';
import {Tone} from '../components/tone.tsx';
import {useClock} from '../hooks/use-clock.ts';
import {useEngineCall} from '../hooks/use-engine-call.ts';
import type {Lifecycle} from '../../lifecycle.ts';
import {checkConfirmation, type ConfirmationCheck, typeConfirmation} from '../state/confirmation.ts';
import {operationTitle, plural} from '../state/phase-labels.ts';
import {useTerminal} from '../terminal-context.ts';

/** Lines besides the disruption rows: title, drop-ins, environment, totals, prompt. */
const chrome = 14;

/** Asks the engine for the plan, shows it, and lets it run only on a typed confirmation. */
export function PlanScreen(props: {
	readonly engine: Engine;
	readonly lifecycle: Lifecycle;
	readonly operation: Operation;
	readonly selection: Selection;
	readonly rollout: RolloutOptions;
	readonly yes: boolean;
	readonly onConfirm: (plan: RolloutPlan) => void;
	readonly onBack: () => void;
	readonly onNothingToDo: () => void;
	readonly onError: (error: unknown) => void;
}) {
	const {engine, lifecycle, operation, selection, rollout, yes, onConfirm, onBack, onNothingToDo, onError} = props;
	const planned = useEngineCall(lifecycle, async signal => engine.plan(operation, selection, rollout, signal), selection);
	const {rows} = useWindowSize();
	const {animate, symbols} = useTerminal();
	const now = useClock(animate ? 100 : 1000, planned.status === 'loading');
	const [typed, setTypedState] = useState('');
	// Ink hands over the events of one input chunk one after the other before
	// React renders again: each must see what the previous one typed.
	const typedNow = useRef('');
	const setTyped = (value: string) => {
		typedNow.current = value;
		setTypedState(value);
	};
	const [refused, setRefused] = useState<Exclude<ConfirmationCheck, 'confirmed'>>();
	const plan = planned.status === 'ready' ? planned.value : undefined;
	const targets = plan?.batches.flat().length ?? 0;

	// Settled once: the parent may re-render with new callbacks before it moves on.
	const settled = useRef(false);
	useEffect(() => {
		if (settled.current) {
			return;
		}

		if (planned.status === 'failed') {
			settled.current = true;
			onError(planned.error);
		} else if (plan !== undefined && yes) {
			settled.current = true;
			if (targets === 0) {
				onNothingToDo();
			} else {
				onConfirm(plan);
			}
		}
	}, [planned, plan, yes, targets, onConfirm, onNothingToDo, onError]);

	useInput((input, key) => {
		if (key.escape) {
			onBack();
			return;
		}

		if (plan === undefined || yes) {
			return;
		}

		if (targets === 0) {
			if (key.return || input === 'q') {
				onNothingToDo();
			}

			return;
		}

		const next = typeConfirmation(typedNow.current, input, key);
		if (next.submitted) {
			const check = checkConfirmation(next.typed, targets);
			if (check === 'confirmed') {
				onConfirm(plan);
			} else {
				setRefused(check);
				setTyped('');
			}

			return;
		}

		setRefused(undefined);
		setTyped(next.typed);
	});

	if (plan === undefined) {
		return (
			<Text>
				<Spinner now={now} /> Planning: {operationTitle(operation).toLowerCase()}
				{symbols.ellipsis}
			</Text>
		);
	}

	return (
		<Box flexDirection="column">
			<PlanDetails plan={plan} session={engine.session} maxRows={Math.max(3, rows - chrome)} />
			{targets === 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text>
						<Tone tone="ok" bold>
							Nothing to do
						</Tone>
						: {plan.upToDate.length > 0 ? `${plural(plan.upToDate.length, 'node')} already up to date` : 'no node to change'}.
					</Text>
					<KeyHints
						hints={[
							['enter', 'quit'],
							['esc', 'back'],
						]}
					/>
				</Box>
			) : yes ? (
				<Text>Going ahead (--yes).</Text>
			) : (
				<ConfirmField count={targets} value={typed} refused={refused} />
			)}
		</Box>
	);
}
