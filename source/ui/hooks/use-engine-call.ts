import {useEffect, useState} from 'react';
import type {Lifecycle} from '../../lifecycle.ts';

export type CallState<T> =
	| {readonly status: 'loading'}
	| {readonly status: 'ready'; readonly value: T}
	| {readonly status: 'failed'; readonly error: unknown};

/**
 * Runs one engine request while the component is mounted and `enabled`; it
 * is aborted on unmount or when the session stops, and re-run when
 * `generation` changes.
 */
export function useEngineCall<T>(lifecycle: Lifecycle, call: (signal: AbortSignal) => Promise<T>, generation: unknown, enabled = true): CallState<T> {
	const [state, setState] = useState<CallState<T>>({status: 'loading'});
	// `call` is a fresh closure each render: `generation` says when to call again.
	useEffect(() => {
		if (!enabled) {
			return;
		}

		const controller = new AbortController();
		const signal = AbortSignal.any([lifecycle.signal, controller.signal]);
		setState({status: 'loading'});
		const work = call(signal).then(
			value => {
				if (!signal.aborted) {
					setState({status: 'ready', value});
				}
			},
			(error: unknown) => {
				if (!signal.aborted) {
					setState({status: 'failed', error});
				}
			},
		);
		lifecycle.track(work);
		return () => {
			controller.abort();
		};
	}, [lifecycle, generation, enabled]);
	return state;
}
