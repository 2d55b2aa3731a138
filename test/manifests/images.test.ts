import {describe, expect, it} from 'vitest';
import {defaultImages} from '../../source/manifests/images.ts';

describe('defaultImages', () => {
	it('come from registry.k8s.io and are pinned to a tag', () => {
		for (const image of Object.values(defaultImages)) {
			expect(image).toMatch(/^registry\.k8s\.io\/[a-z0-9/._-]+:[A-Za-z0-9._-]+$/);
			expect(image).not.toMatch(/:latest$/);
		}
	});
});
