import {describe, expect, it} from 'vitest';
import {imageMatcher} from '../../source/inventory/image-reference.ts';

const digest = `sha256:${'a'.repeat(64)}`;
const other = `sha256:${'b'.repeat(64)}`;

describe('imageMatcher: is a listed name the wanted image', () => {
	it('the same reference', () => {
		expect(imageMatcher('registry.example/team/tool:1')('registry.example/team/tool:1')).toBe(true);
	});

	it('another tag, repository or registry is another image', () => {
		const matches = imageMatcher('registry.example/team/tool:1');
		expect(matches('registry.example/team/tool:2')).toBe(false);
		expect(matches('registry.example/team/tool-extra:1')).toBe(false);
		expect(matches('mirror.example/team/tool:1')).toBe(false);
		expect(matches('registry.example/tool:1')).toBe(false);
	});

	it('docker.io and library/ may be left out on either side', () => {
		for (const wanted of ['busybox:1.36', 'library/busybox:1.36', 'docker.io/library/busybox:1.36', 'index.docker.io/library/busybox:1.36']) {
			const matches = imageMatcher(wanted);
			expect(matches('docker.io/library/busybox:1.36'), wanted).toBe(true);
			expect(matches('busybox:1.36'), wanted).toBe(true);
		}

		expect(imageMatcher('team/tool:1')('docker.io/team/tool:1')).toBe(true);
		expect(imageMatcher('team/tool:1')('docker.io/library/tool:1')).toBe(false);
	});

	it('no tag means latest', () => {
		expect(imageMatcher('busybox')('docker.io/library/busybox:latest')).toBe(true);
		expect(imageMatcher('busybox:latest')('busybox')).toBe(true);
		expect(imageMatcher('busybox')('busybox:1.36')).toBe(false);
	});

	it('a registry with a port or named localhost is a registry, not a repository', () => {
		expect(imageMatcher('localhost:5000/tool:1')('localhost:5000/tool:1')).toBe(true);
		expect(imageMatcher('localhost:5000/tool')('localhost:5000/tool:latest')).toBe(true);
		expect(imageMatcher('localhost/tool:1')('docker.io/localhost/tool:1')).toBe(false);
	});

	it('with a digest, the digest decides: a runtime stores tag@digest by its digest alone', () => {
		const matches = imageMatcher(`registry.k8s.io/pause:3.10@${digest}`);
		expect(matches(`registry.k8s.io/pause@${digest}`)).toBe(true);
		expect(matches(`registry.k8s.io/pause:3.10@${digest}`)).toBe(true);
		expect(matches(`registry.k8s.io/pause@${other}`)).toBe(false);
		// The tag may have moved to another image since.
		expect(matches('registry.k8s.io/pause:3.10')).toBe(false);
		expect(matches(`mirror.example/pause@${digest}`)).toBe(false);
	});

	it('a digest listed for a reference by tag alone is not known to be that tag', () => {
		expect(imageMatcher('registry.k8s.io/pause:3.10')(`registry.k8s.io/pause@${digest}`)).toBe(false);
	});
});
