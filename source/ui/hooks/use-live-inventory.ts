import {useEffect, useState} from 'react';
import type {Engine} from '../../engine/engine.ts';
import type {NodeInfo} from '../../inventory/types.ts';
import type {Lifecycle} from '../../lifecycle.ts';
import type {CallState} from './use-engine-call.ts';

/**
 * Every node, kept current by the engine's watches while the component is
 * mounted and `enabled`: the same shape as a one-off read, so screens do not
 * care which they get. The watch ends on unmount or when the session stops.
 */
export function useLiveInventory(engine: Engine, lifecycle: Lifecycle, enabled: boolean): CallState<readonly NodeInfo[]> {
	const [state, setState] = useState<CallState<readonly NodeInfo[]>>({status: 'loading'});
	useEffect(() => {
		if (!enabled) {
			return;
		}

		const controller = new AbortController();
		const signal = AbortSignal.any([lifecycle.signal, controller.signal]);
		const work = (async () => {
			try {
				for await (const update of engine.watchInventory(signal)) {
					if (!signal.aborted) {
						setState({status: 'ready', value: update.nodes});
					}
				}
			} catch (error) {
				if (!signal.aborted) {
					setState({status: 'failed', error});
				}
			}
		})();
		lifecycle.track(work);
		return () => {
			controller.abort();
		};
	}, [engine, lifecycle, enabled]);
	return state;
}
