import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';

const source = path.join(import.meta.dirname, '..', 'source');

/** The top-level folder under source/ each source file imports from, folder by folder. */
function folderImports(): Map<string, Set<string>> {
	const graph = new Map<string, Set<string>>();
	for (const entry of readdirSync(source, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) {
			continue;
		}

		const file = path.join(entry.parentPath, entry.name);
		const from = path.relative(source, file).split(path.sep)[0]!;
		if (from === entry.name) {
			continue;
		}

		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
			const to = path.relative(source, path.resolve(path.dirname(file), specifier!)).split(path.sep);
			if (to.length > 1 && to[0] !== from) {
				graph.set(from, (graph.get(from) ?? new Set()).add(to[0]!));
			}
		}
	}

	return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
	const done = new Set<string>();
	const visit = (folder: string, trail: string[]): string[] | undefined => {
		if (trail.includes(folder)) {
			return [...trail.slice(trail.indexOf(folder)), folder];
		}

		if (done.has(folder)) {
			return undefined;
		}

		for (const next of graph.get(folder) ?? []) {
			const cycle = visit(next, [...trail, folder]);
			if (cycle) {
				return cycle;
			}
		}

		done.add(folder);
		return undefined;
	};

	for (const folder of graph.keys()) {
		const cycle = visit(folder, []);
		if (cycle) {
			return cycle;
		}
	}

	return undefined;
}

test('source folders import each other one way only: options -> plan -> engine -> views, never back', () => {
	const graph = folderImports();
	expect(findCycle(graph)).toBeUndefined();
	// The pure layers know nothing of the engine.
	for (const folder of ['options', 'settings', 'plan', 'inventory', 'manifests']) {
		expect([...graph.get(folder) ?? []], folder).not.toContain('engine');
	}
});
