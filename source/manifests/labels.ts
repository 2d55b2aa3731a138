import {appName, labelKeys, managedBy} from './names.ts';

export type Component = 'config' | 'credentials' | 'injector' | 'remover' | 'verify' | 'check';

/** What a DaemonSet selects its pods by: never changes once created. */
export function selectorLabels(component: Component): Record<string, string> {
	return {[labelKeys.name]: appName, [labelKeys.component]: component};
}

export function labelsFor(component: Component): Record<string, string> {
	return {...selectorLabels(component), [labelKeys.managedBy]: managedBy};
}
