import {expect, test} from 'vitest';
import type {AccessCheck, KubeClient} from '../../source/cluster/kube-client.ts';
import {drainPreflight} from '../../source/engine/preflight.ts';
import {OperationError} from '../../source/errors.ts';

/** Our client interface answering permission questions from a list; no HTTP (the real answers come from the test cluster in e2e). */
const client = (allowed: boolean) => ({
	endpoint: {context: 'prod', server: 'https://api'},
	async missingPermissions(checks: readonly AccessCheck[]) {
		return allowed ? [] : [...checks];
	},
}) as unknown as KubeClient;

test('--drain without the right to evict is refused before any node is cordoned, naming the permission', async () => {
	const error = await drainPreflight(client(false)).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(OperationError);
	expect((error as OperationError).message).toBe('--drain: missing permission on context "prod":\n  - create pods/eviction (cluster-wide)');
	expect((error as OperationError).hint).toContain('run without --drain');
});

test('with it, nothing to say', async () => {
	await expect(drainPreflight(client(true))).resolves.toBeUndefined();
});
