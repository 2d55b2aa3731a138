import {stringify} from 'yaml';

/** Multi-document YAML, as `kubectl apply -f -` reads it. */
export function manifestsToYaml(objects: readonly object[]): string {
	// lineWidth 0: never fold, so scripts stay byte-for-byte in block scalars.
	return objects.map(object => stringify(object, {lineWidth: 0})).join('---\n');
}

/** A `v1 List`, as `kubectl get -o json` prints several objects. */
export function manifestsToJson(objects: readonly object[]): string {
	const list = {apiVersion: 'v1', kind: 'List', items: objects, metadata: {resourceVersion: ''}};
	return `${JSON.stringify(list, undefined, 2)}\n`;
}
