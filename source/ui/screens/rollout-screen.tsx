import {Box, Static, Text, useInput, useWindowSize} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import type {BatchDecision, FailureDecision} from '../../engine/controls.ts';
import type {Engine} from '../../engine/engine.ts';
import {exitCodes} from '../../errors.ts';
import type {RolloutPlan} from '../../plan/types.ts';
import {isActivePhase} from '../../progress/counts.ts';
import {estimateEta} from '../../progress/eta.ts';
import {ActiveNodes} from '../components/active-nodes.tsx';
import {BatchPrompt} from '../components/batch-prompt.tsx';
import {ErrorView} from '../components/error-view.tsx';
import {FailurePanel} from '../components/failure-panel.tsx';
import {InterruptPanel, type InterruptState} from '../components/interrupt-panel.tsx';
import {LogLine} from '../components/log-line.tsx';
import {ProgressBar} from '../components/progress-bar.tsx';
import {RolloutSummary} from '../components/rollout-summary.tsx';
import {spinnerFrameMs} from '../components/spinner.tsx';
import {Tone} from '../components/tone.tsx';
import {exitCodeForError, exitCodeForOutcome} from '../../exit-code.ts';
import {useClock} from '../hooks/use-clock.ts';
import {type Rollout, useRollout} from '../hooks/use-rollout.ts';
import type {Lifecycle} from '../../lifecycle.ts';
import {modeLabel, operationTitle} from '../state/phase-labels.ts';
import {useTerminal} from '../terminal-context.ts';

/** Log lines a failure panel may show. */
const maxLogLines = 10;

/**
 * Finished nodes are printed once above; nodes in progress, the totals and
 * any question from the engine stay live below, then the summary.
 */
export function RolloutScreen(props: {readonly engine: Engine; readonly plan: RolloutPlan; readonly lifecycle: Lifecycle; readonly onExit: (code: number) => void}) {
	const {engine, plan, lifecycle, onExit} = props;
	const rollout = useRollout(engine, plan, lifecycle);
	const {progress, question} = rollout;
	const [interrupt, setInterrupt] = useState<InterruptState>('none');
	const {animate, symbols} = useTerminal();
	const running = progress.result === undefined && !rollout.ended;
	const now = useClock(animate ? spinnerFrameMs : 1000, running);
	const {rows, columns} = useWindowSize();
	const active = useMemo(
		() => [...progress.nodes.values()].filter(node => isActivePhase(node.phase)).sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0)),
		[progress.nodes],
	);

	useInput((input, key) => {
		if (!running) {
			return;
		}

		if (key.ctrl && input === 'c') {
			if (interrupt === 'none') {
				setInterrupt('asking');
			} else {
				rollout.abort();
				onExit(exitCodes.interrupted);
			}

			return;
		}

		if (interrupt === 'asking') {
			if (input === 's') {
				rollout.stop();
				setInterrupt('stopping');
			} else if (input === 'k' || key.escape) {
				setInterrupt('none');
			}

			return;
		}

		answer(rollout, input);
	});

	useEffect(() => {
		if (progress.result !== undefined) {
			onExit(exitCodeForOutcome(progress.result.outcome));
		} else if (rollout.ended) {
			onExit(rollout.error === undefined ? exitCodes.interrupted : exitCodeForError(rollout.error));
		}
	}, [progress.result, rollout.ended, rollout.error, onExit]);

	const panelHeight = interrupt === 'none' ? (question?.kind === 'failure' ? maxLogLines + 7 : question === undefined ? 0 : 3) : 3;
	const batch = progress.batch === undefined ? '' : ` ${symbols.separator} batch ${progress.batch.index + 1}/${progress.batchCount}`;
	return (
		<>
			<Static items={[...progress.log]}>{(entry, index) => <LogLine key={index} entry={entry} />}</Static>
			<Box flexDirection="column">
				<Text wrap="truncate-end">
					<Tone bold>{operationTitle(plan.operation)}</Tone> {symbols.separator} {modeLabel(plan.mode, plan.parallel)}
					{batch}
				</Text>
				{running && <ActiveNodes nodes={active} now={now} maxRows={Math.max(1, rows - 6 - panelHeight)} />}
				<ProgressBar counts={progress.counts} eta={running ? estimateEta(progress, now) : 'none'} width={columns} />
				{running && interrupt !== 'none' && <InterruptPanel state={interrupt} inProgress={progress.counts.pending} />}
				{running && interrupt !== 'asking' && question?.kind === 'batch' && (
					<BatchPrompt index={question.index} count={progress.batchCount} nodes={question.nodes} />
				)}
				{running && interrupt !== 'asking' && question?.kind === 'failure' && (
					<FailurePanel node={question.node} failure={question.failure} maxLogLines={maxLogLines} />
				)}
				{progress.result !== undefined && <RolloutSummary progress={progress} result={progress.result} />}
				{rollout.error !== undefined && <ErrorView error={rollout.error} />}
			</Box>
		</>
	);
}

const batchDecisions = new Map<string, BatchDecision>([
	['c', 'continue'],
	['C', 'continue-all'],
	['A', 'continue-all'],
	['p', 'pause'],
	['x', 'abort'],
]);

const failureDecisions = new Map<string, FailureDecision>([
	['r', 'retry'],
	['s', 'skip'],
	['q', 'stop'],
]);

function answer(rollout: Rollout, input: string): void {
	const {question} = rollout;
	const batch = question?.kind === 'batch' ? batchDecisions.get(input) : undefined;
	const failure = question?.kind === 'failure' ? failureDecisions.get(input) : undefined;
	if (batch !== undefined) {
		rollout.answerBatch(batch);
	} else if (failure !== undefined) {
		rollout.answerFailure(failure);
	}
}
