import type {NodeInfo} from '../inventory/types.ts';
import type {Operation, RolloutOptions, RolloutPlan, Selection} from '../plan/types.ts';
import type {RolloutControls} from './controls.ts';
import type {EngineEvent} from './events.ts';
import type {InventoryUpdate} from './watch-inventory.ts';

/** What the views show about the session before anything happens. */
export type SessionInfo = {
	readonly context: string;
	readonly server: string;
	readonly namespace: string;
	/** Credentials masked. Absent for remove/status. */
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy: readonly string[];
	/** Cluster values left out of NO_PROXY, each naming its node and value. */
	readonly noProxyDropped?: readonly string[];
	/** --ca-file: each CA the runtimes will trust, by subject and expiry. */
	readonly trustedCa?: readonly string[];
};

/**
 * The one surface the views drive. Built by the cluster layer; the UI
 * receives it as a prop, so component tests pass a recorded stand-in.
 */
export type Engine = {
	readonly session: SessionInfo;
	readonly inventory: (signal: AbortSignal) => Promise<readonly NodeInfo[]>;
	/** The same rows kept current by watches, until `signal` aborts (status --watch). */
	readonly watchInventory: (signal: AbortSignal) => AsyncIterable<InventoryUpdate>;
	readonly plan: (operation: Operation, selection: Selection, rollout: RolloutOptions, signal: AbortSignal) => Promise<RolloutPlan>;
	readonly run: (plan: RolloutPlan, controls: RolloutControls, signal: AbortSignal) => AsyncIterable<EngineEvent>;
};
