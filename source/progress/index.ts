export {reduceEvents, reduceProgress} from './reduce.ts';
export {estimateEta} from './eta.ts';
export {visibleWindow, type RowWindow} from './window.ts';
export {formatDuration} from './duration.ts';
export {exitCodeForOutcome} from './outcome.ts';
export {isActivePhase} from './counts.ts';
export {emptyProgress, type LogEntry, type NodeProgress, type ProgressCounts, type ProgressState, type RolloutResult} from './state.ts';
