import {expect, test} from 'vitest';
import type {AccessCheck, KubeClient} from '../../source/cluster/kube-client.ts';
import {verifyPreflight} from '../../source/engine/preflight.ts';
import {OperationError} from '../../source/errors.ts';

/** Our client interface answering permission questions from a list; no HTTP. */
const client = (allowed: readonly string[]) => ({
	endpoint: {context: 'prod', server: 'https://api'},
	async missingPermissions(checks: readonly AccessCheck[]) {
		return checks.filter(check => !allowed.includes(check.verb));
	},
}) as unknown as KubeClient;

test('--verify-image without the right to create pods in the namespace is refused before any node is touched, naming what is missing', async () => {
	const error = await verifyPreflight(client(['patch']), 'kube-system').catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(OperationError);
	expect((error as OperationError).message).toBe('--verify-image: missing permission on context "prod":\n  - create pods in namespace kube-system');
	expect((error as OperationError).hint).toContain('run without --verify-image');
});

test('with create and patch, nothing to say', async () => {
	await expect(verifyPreflight(client(['create', 'patch']), 'kube-system')).resolves.toBeUndefined();
});
