import {describe, expect, it} from 'vitest';
import {defaultImages} from '../../source/manifests/images.ts';

describe('defaultImages', () => {
	it('come from registry.k8s.io, pinned to a tag and the digest of its multi-arch index', () => {
		for (const image of Object.values(defaultImages)) {
			expect(image).toMatch(/^registry\.k8s\.io\/[a-z0-9/._-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}$/);
			expect(image).not.toMatch(/:latest@/);
		}
	});

	it('are the debian-base bookworm and pause 3.10 releases', () => {
		expect(defaultImages.script.split('@')[0]).toBe('registry.k8s.io/build-image/debian-base:bookworm-v1.0.4');
		expect(defaultImages.pause.split('@')[0]).toBe('registry.k8s.io/pause:3.10');
	});
});
