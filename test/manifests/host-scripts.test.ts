import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {hostScriptsDirectory, hostScriptUrls, loadHostScripts} from '../../source/manifests/host-scripts.ts';

describe('host scripts', () => {
	it('are found in source/scripts beside source/manifests, as the build mirrors into dist', () => {
		expect(fileURLToPath(hostScriptsDirectory)).toMatch(/\/source\/scripts\/$/);
		expect(fileURLToPath(hostScriptUrls.inject)).toMatch(/\/source\/scripts\/inject\.sh$/);
		expect(fileURLToPath(hostScriptUrls.remove)).toMatch(/\/source\/scripts\/remove\.sh$/);
	});

	it('are loaded by file name, shell scripts only', () => {
		const scripts = loadHostScripts();
		expect(Object.keys(scripts)).toContain('inject.sh');
		expect(Object.keys(scripts)).toContain('remove.sh');
		for (const name of Object.keys(scripts)) {
			expect(name).toMatch(/^[\w.-]+\.sh$/);
		}
	});
});
