export {runInteractive, type InteractiveProps, type InteractiveStreams} from './run-interactive.tsx';
