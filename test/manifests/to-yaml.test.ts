import {describe, expect, it} from 'vitest';
import {parseAllDocuments} from 'yaml';
import {buildManifests} from '../../source/manifests/build-manifests.ts';
import {manifestsToJson, manifestsToYaml} from '../../source/manifests/to-yaml.ts';
import {options, settingsFor} from './fixtures.ts';

const longScript = `#!/bin/sh\n# ${'x'.repeat(300)}\n\tif [ -n "$A" ]; then echo 'a: b' ; fi   \n\n`;
const manifests = buildManifests(settingsFor('http://u:p@proxy:3128'), {...options, scripts: {'inject.sh': longScript, 'remove.sh': '#!/bin/sh\n'}});
const objects = [manifests.configMap, manifests.secret!, manifests.injector];

describe('manifestsToYaml', () => {
	it('writes one document per object that parses back to the same objects', () => {
		const text = manifestsToYaml(objects);
		const documents = parseAllDocuments(text);
		expect(documents).toHaveLength(3);
		expect(documents.map(document => document.errors)).toEqual([[], [], []]);
		expect(documents.map(document => document.toJS())).toEqual(JSON.parse(JSON.stringify(objects)));
		expect(text.split('\n').filter(line => line === '---')).toHaveLength(2);
	});

	it('spells out shared objects instead of using anchors and aliases', () => {
		const labels = {app: 'x'};
		const text = manifestsToYaml([{metadata: {labels}, spec: {template: {metadata: {labels}}}}]);
		expect(text).not.toMatch(/[&*]a\d/);
		expect(text.match(/app: x/g)).toHaveLength(2);
		expect(manifestsToYaml(objects)).not.toMatch(/[&*]a\d/);
	});

	it('keeps long script lines unfolded', () => {
		expect(manifestsToYaml(objects)).toContain(`# ${'x'.repeat(300)}`);
	});

	it('quotes strings that YAML 1.1 readers such as kubectl would take for booleans or numbers', () => {
		const text = manifestsToYaml([{data: {a: 'no', b: 'on', c: '1:20', d: 'y', e: '0400'}}]);
		for (const value of ['no', 'on', '1:20', 'y', '0400']) {
			expect(text).toContain(`"${value}"`);
		}

		expect(text).not.toMatch(/^%YAML/m);
	});

	it('writes nothing for no objects', () => {
		expect(manifestsToYaml([])).toBe('');
	});
});

describe('manifestsToJson', () => {
	it('writes a v1 List of the objects', () => {
		const list = JSON.parse(manifestsToJson(objects));
		expect(list).toMatchObject({apiVersion: 'v1', kind: 'List'});
		expect(list.items).toEqual(JSON.parse(JSON.stringify(objects)));
		expect(list.items.map((item: {kind: string}) => item.kind)).toEqual(['ConfigMap', 'Secret', 'DaemonSet']);
	});
});
