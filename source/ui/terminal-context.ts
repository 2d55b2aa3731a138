import {createContext, useContext} from 'react';
import {symbolsFor, type Symbols} from './symbols.ts';
import type {TerminalTraits} from './terminal.ts';

export const TerminalContext = createContext<TerminalTraits>({color: true, unicode: true, animate: true});

export function useTerminal(): TerminalTraits & {readonly symbols: Symbols} {
	const traits = useContext(TerminalContext);
	return {...traits, symbols: symbolsFor(traits)};
}
