import {stringify} from 'yaml';

/** Multi-document YAML, as `kubectl apply -f -` reads it. */
export function manifestsToYaml(objects: readonly object[]): string {
	// lineWidth 0: never fold, so scripts stay byte-for-byte in block scalars;
	// no aliases: kubectl users expect every object spelled out (the builders
	// share label objects). YAML 1.1 rules quote `no`, `on`, `1:20`: kubectl
	// reads YAML 1.1, where unquoted they would become booleans or numbers.
	const options = {lineWidth: 0, aliasDuplicateObjects: false, version: '1.1'} as const;
	return objects.map(object => stringify(object, options)).join('---\n');
}

/** A `v1 List`, as `kubectl get -o json` prints several objects. */
export function manifestsToJson(objects: readonly object[]): string {
	const list = {apiVersion: 'v1', kind: 'List', items: objects, metadata: {resourceVersion: ''}};
	return `${JSON.stringify(list, undefined, 2)}\n`;
}
