import type {V1ConfigMap} from '@kubernetes/client-node';
import {renderDropIn} from '../settings/drop-in.ts';
import {maskSettings} from '../settings/masked-settings.ts';
import type {ProxySettings} from '../settings/types.ts';
import type {HostScripts} from './host-scripts.ts';
import {labelsFor} from './labels.ts';
import {components, dataKeys, names} from './names.ts';

export type ConfigMapOptions = {
	readonly namespace: string;
	/** File name -> content; the init containers run them from the mount. */
	readonly scripts: HostScripts;
	/** Absent for removal: the ConfigMap then carries the scripts only. */
	readonly settings?: ProxySettings;
	readonly settingsHash?: string;
	/** Node name -> runtime, as the API server reports them; the injector checks its node's. */
	readonly nodeRuntimes?: Readonly<Record<string, string>>;
};

/** What `status` and humans read back from the cluster. */
export type SettingsDocument = ReturnType<typeof maskSettings> & {readonly settingsHash?: string};

export function buildConfigMap(options: ConfigMapOptions): V1ConfigMap {
	const data: Record<string, string> = {...options.scripts};
	if (options.settings) {
		const document: SettingsDocument = {
			...maskSettings(options.settings),
			...(options.settingsHash && {settingsHash: options.settingsHash}),
		};
		data[dataKeys.settings] = `${JSON.stringify(document, undefined, 2)}\n`;
		// With credentials the drop-in lives in the Secret only.
		if (!options.settings.hasCredentials) {
			data[dataKeys.dropIn] = renderDropIn(options.settings);
		}

		// The drop-in's SSL_CERT_DIR names this bundle by its hash, which the node checks.
		if (options.settings.trustedCa) {
			data[dataKeys.caBundle] = options.settings.trustedCa.pem;
		}
	}

	if (options.nodeRuntimes) {
		data[dataKeys.nodeRuntimes] = Object.keys(options.nodeRuntimes).sort().map(node => `${node} ${options.nodeRuntimes![node]}\n`).join('');
	}

	return {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: {name: names.configMap, namespace: options.namespace, labels: labelsFor(components.config)},
		data,
	};
}
