import {runtimeUnits} from '../inventory/runtime.ts';
import type {NodeInfo} from '../inventory/types.ts';
import type {CheckInputs} from '../manifests/check-pod.ts';
import {dataKeys, holdReasons, labelKeys} from '../manifests/names.ts';
import {checkDigest} from './check-digest.ts';
import type {Expected} from './decide-drift.ts';
import {expectedHostFiles} from './expected-host-files.ts';

/** The settings the last apply left in the cluster (ConfigMap, Secret), as inject.sh reads them. */
export type SettingsInForce =
	| {readonly applied: false}
	| {readonly applied: true; readonly dropIn: string; readonly caPem?: string; readonly key?: string};

export type NodeCheck = {readonly expected: Expected; readonly inputs: CheckInputs};

/**
 * What one node is checked against. A node the plugin does not configure
 * (nothing applied, or left out of the rollouts with --nodes/-l) should
 * have nothing of ours. Undefined when the drop-in in the cluster is not
 * one the plugin renders: no node would take it either.
 */
export function nodeCheck(node: NodeInfo & {readonly runtime: NonNullable<NodeInfo['runtime']>}, settings: SettingsInForce): NodeCheck | undefined {
	const unit = runtimeUnits[node.runtime];
	const dropInName = dataKeys.dropIn;
	const notPicked = node.labels[labelKeys.hold] === holdReasons.notPicked;
	if (!settings.applied || notPicked) {
		const why = settings.applied ? 'the node is not picked for the proxy (apply with --nodes or -l to include it)' : 'no proxy settings are applied';
		return {expected: {kind: 'none', dropInName, why}, inputs: {unit, dropIn: '', envFile: '', runtimeEnv: '', ca: '', keyed: false}};
	}

	const files = expectedHostFiles(settings.dropIn, unit, dropInName, settings.caPem);
	if (files === undefined) {
		return undefined;
	}

	const digest = (content: string) => checkDigest(content, settings.key);
	return {
		expected: {kind: 'settings', dropInName, variables: files.variables, envFile: files.envFile !== undefined},
		inputs: {
			unit,
			dropIn: digest(files.dropIn),
			envFile: files.envFile === undefined ? '' : digest(files.envFile),
			runtimeEnv: digest(files.runtimeEnv),
			ca: files.ca === undefined ? '' : `${files.ca.id} ${digest(files.ca.file)}`,
			keyed: settings.key !== undefined,
		},
	};
}
