import type {V1Secret} from '@kubernetes/client-node';
import {renderDropIn} from '../settings/drop-in.ts';
import type {ProxySettings} from '../settings/types.ts';
import {labelsFor} from './labels.ts';
import {components, dataKeys, names} from './names.ts';

export type SecretOptions = {
	readonly namespace: string;
	readonly settings: ProxySettings;
	/** Stored so that the next apply computes the same settings hash. */
	readonly settingsHashKey?: string;
};

/** The only object that holds the proxy password. */
export function buildSecret(options: SecretOptions): V1Secret {
	const data: Record<string, string> = {
		[dataKeys.dropIn]: base64(renderDropIn(options.settings)),
		...(options.settingsHashKey !== undefined && {[dataKeys.settingsHashKey]: base64(options.settingsHashKey)}),
	};
	return {
		apiVersion: 'v1',
		kind: 'Secret',
		metadata: {name: names.secret, namespace: options.namespace, labels: labelsFor(components.credentials)},
		type: 'Opaque',
		// `data`, not `stringData`: what we send is what a later read returns,
		// so comparing with the cluster's copy needs no translation.
		data,
	};
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}
