import {useApp, useInput} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import type {Engine} from '../engine/engine.ts';
import {exitCodes} from '../errors.ts';
import type {RolloutOptions, RolloutPlan, Selection} from '../plan/types.ts';
import {ErrorView} from './components/error-view.tsx';
import {exitCodeForError} from '../exit-code.ts';
import {useEngineCall} from './hooks/use-engine-call.ts';
import {useLiveInventory} from './hooks/use-live-inventory.ts';
import type {Lifecycle} from '../lifecycle.ts';
import {HomeScreen} from './screens/home-screen.tsx';
import {PlanScreen} from './screens/plan-screen.tsx';
import {RolloutScreen} from './screens/rollout-screen.tsx';
import {SelectScreen} from './screens/select-screen.tsx';
import {chooseOperation, firstStep, type InitialScreen, type Step} from './state/steps.ts';
import {TerminalContext} from './terminal-context.ts';
import type {TerminalTraits} from './terminal.ts';

export type AppProps = {
	readonly engine: Engine;
	readonly initial: {
		readonly screen: InitialScreen;
		readonly selection: Selection;
		readonly rollout: RolloutOptions;
		readonly yes: boolean;
		/** -w: the node table follows the cluster by watch instead of the refresh key. */
		readonly watch?: boolean;
	};
	readonly terminal: TerminalTraits;
	readonly lifecycle: Lifecycle;
	/** Told the exit code once, just before the app unmounts. */
	readonly onExit: (code: number) => void;
};

/** The session's root: it moves between screens and is the only place that ends the app. */
export function App(props: AppProps) {
	const {engine, initial, terminal, lifecycle, onExit} = props;
	const {exit} = useApp();
	const [step, setStep] = useState<Step>(() => firstStep(initial.screen, initial.selection, initial.yes));
	const ended = useRef(false);

	const finish = useCallback((code: number) => {
		if (ended.current) {
			return;
		}

		ended.current = true;
		onExit(code);
		exit();
	}, [exit, onExit]);

	// Nodes are read the first time a screen needs them, then only on request.
	const needsNodes = step.screen === 'home' || step.screen === 'select';
	const [nodesWanted, setNodesWanted] = useState(needsNodes);
	if (needsNodes && !nodesWanted) {
		setNodesWanted(true);
	}

	const [refreshes, setRefreshes] = useState(0);
	const live = initial.watch === true;
	const read = useEngineCall(lifecycle, async signal => engine.inventory(signal), nodesWanted ? refreshes : 'not yet', nodesWanted && !live);
	// Watching costs a cluster-wide pod watch: only while a screen shows the nodes, not during a rollout.
	const watched = useLiveInventory(engine, lifecycle, needsNodes && live);
	const inventory = live ? watched : read;

	useEffect(() => {
		if (inventory.status === 'failed') {
			setStep({screen: 'error', error: inventory.error});
		}
	}, [inventory]);

	// SIGTERM and friends reach the app as an aborted session.
	useEffect(() => {
		const onAbort = () => {
			finish(exitCodes.interrupted);
		};

		if (lifecycle.signal.aborted) {
			onAbort();
			return;
		}

		lifecycle.signal.addEventListener('abort', onAbort, {once: true});
		return () => {
			lifecycle.signal.removeEventListener('abort', onAbort);
		};
	}, [lifecycle, finish]);

	useEffect(() => {
		if (step.screen === 'error') {
			finish(exitCodeForError(step.error));
		}
	}, [step, finish]);

	// Nothing has changed before the rollout, so Ctrl-C just leaves; the rollout screen handles its own.
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			finish(exitCodes.interrupted);
		}
	}, {isActive: step.screen !== 'rollout'});

	const toPlan = useCallback((plan: RolloutPlan) => {
		setStep({screen: 'rollout', plan});
	}, []);
	const toError = useCallback((error: unknown) => {
		setStep({screen: 'error', error});
	}, []);
	const nothingToDo = useCallback(() => {
		finish(exitCodes.done);
	}, [finish]);

	return (
		<TerminalContext value={terminal}>
			{step.screen === 'home' && (
				<HomeScreen
					session={engine.session}
					inventory={inventory}
					live={live}
					onChoose={operation => {
						if (inventory.status === 'ready') {
							setStep(chooseOperation(operation, initial.selection));
						}
					}}
					onRefresh={() => {
						setRefreshes(count => count + 1);
					}}
					onQuit={() => {
						finish(exitCodes.done);
					}}
				/>
			)}
			{step.screen === 'select' && inventory.status === 'ready' && (
				<SelectScreen
					operation={step.operation}
					nodes={inventory.value}
					seed={step.selection}
					onPlan={selection => {
						setStep({screen: 'plan', operation: step.operation, selection});
					}}
					onBack={() => {
						setStep({screen: 'home'});
					}}
				/>
			)}
			{step.screen === 'plan' && (
				<PlanScreen
					engine={engine}
					lifecycle={lifecycle}
					operation={step.operation}
					selection={step.selection}
					rollout={initial.rollout}
					yes={initial.yes}
					onConfirm={toPlan}
					onBack={() => {
						setStep(step.operation === 'remove' ? {screen: 'home'} : {screen: 'select', operation: step.operation, selection: step.selection});
					}}
					onNothingToDo={nothingToDo}
					onError={toError}
				/>
			)}
			{step.screen === 'rollout' && <RolloutScreen engine={engine} plan={step.plan} lifecycle={lifecycle} onExit={finish} />}
			{step.screen === 'error' && <ErrorView error={step.error} />}
		</TerminalContext>
	);
}
