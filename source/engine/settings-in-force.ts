import type {KubeClient} from '../cluster/kube-client.ts';
import type {SettingsInForce} from '../drift/check-inputs.ts';
import {OperationError} from '../errors.ts';
import {dataKeys, names} from '../manifests/names.ts';

/**
 * The ConfigMap's drop-in, or with credentials the Secret's (read only
 * then: a check without credentials needs no access to Secrets), the CA
 * bundle, and the Secret's settings-hash key that the digests are keyed
 * with. Nothing applied: no ConfigMap, or one without settings (during a
 * remove).
 */
export async function readSettingsInForce(client: KubeClient, namespace: string): Promise<SettingsInForce> {
	const config = await client.readObjectData(namespace, 'ConfigMap', names.configMap);
	if (config?.[dataKeys.settings] === undefined) {
		return {applied: false};
	}

	const secret = config[dataKeys.dropIn] === undefined ? await client.readObjectData(namespace, 'Secret', names.secret) : undefined;
	const dropIn = config[dataKeys.dropIn] ?? secret?.[dataKeys.dropIn];
	if (dropIn === undefined) {
		throw new OperationError(`the settings in ${namespace}/${names.configMap} have credentials, but the Secret ${names.secret} with their drop-in is missing`, 'Run apply again to write both.');
	}

	const key = secret?.[dataKeys.settingsHashKey];
	const caPem = config[dataKeys.caBundle];
	return {applied: true, dropIn, ...(caPem !== undefined && {caPem}), ...(key !== undefined && {key})};
}
