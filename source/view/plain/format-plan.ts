import type {SessionInfo} from '../../engine/engine.ts';
import type {RolloutPlan} from '../../plan/types.ts';
import {printable} from '../printable.ts';
import {missingImageLines} from './missing-image-lines.ts';

const shownNodes = 20;

/** What will happen, before it happens: the text the user confirms (or a CI log keeps). */
export function formatPlan(plan: RolloutPlan, session: SessionInfo): string[] {
	const lines = [`Cluster: ${session.server} (context ${session.context}), namespace ${session.namespace}`];
	if (plan.operation === 'apply') {
		lines.push(`HTTP_PROXY=${session.httpProxy ?? '(not set)'}`, `HTTPS_PROXY=${session.httpsProxy ?? '(not set)'}`, `NO_PROXY=${session.noProxy.join(',')}`);
		lines.push(...(session.noProxyDropped ?? []).map(text => `warning: ${text}`));
		lines.push(...(session.trustedCa ?? []).map(text => `Trusted CA (besides the system roots): ${text}`));
	}

	const targets = plan.batches.flat();
	const verb = plan.operation === 'apply' ? 'configure' : 'remove the proxy from';
	lines.push(`Will ${verb} ${targets.length} node(s), ${plan.mode === 'all' ? 'all at once' : `node by node, ${plan.parallel} at a time`}; ${plan.upToDate.length} already up to date; ${plan.skipped.length} skipped.`);
	const total = plan.disruptions.reduce((sum, entry) => sum + entry.pods, 0);
	if (plan.disruptions.length > 0) {
		lines.push(`Runtime restarts (pods disrupted, ${total} in total):`);
		for (const entry of plan.disruptions.slice(0, shownNodes)) {
			const note = entry.runtime === 'docker' ? 'restarting docker stops its containers' : 'pods starting at that moment may fail';
			lines.push(`  ${entry.node}  ${entry.runtime}  ${entry.pods} pod(s)  (${note})`);
		}

		if (plan.disruptions.length > shownNodes) {
			lines.push(`  ... and ${plan.disruptions.length - shownNodes} more nodes`);
		}
	}

	lines.push(...drainLines(plan), ...verifyLines(plan));
	lines.push(...missingImageLines(plan).map(text => `warning: ${text}`));

	for (const {node, reason} of plan.skipped.slice(0, shownNodes)) {
		lines.push(`  skipped ${node}: ${reason}`);
	}

	// Skip reasons carry the node's own runtime text.
	return lines.map(line => printable(line));
}

/** What --verify-image adds to each node's turn. */
export function verifyLines(plan: RolloutPlan): string[] {
	return plan.verifyImage === undefined
		? []
		: [`--verify-image: a node is done only once it has pulled ${plan.verifyImage} (imagePullPolicy Always) with its new settings; a failed pull fails the node.`];
}

/** What --drain does, or the advice to use it where a restart stops every container (docker). */
export function drainLines(plan: RolloutPlan): string[] {
	if (plan.drainTimeoutMs !== undefined) {
		return [`--drain: cordon and drain each node first (budgets respected, at most ${Math.round(plan.drainTimeoutMs / 1000)}s); uncordon it when done.`];
	}

	const docker = plan.disruptions.filter(entry => entry.runtime === 'docker' && entry.pods > 0).length;
	return docker > 0 && plan.mode === 'node-by-node'
		? [`Recommended: --drain. Restarting docker stops every container on ${docker} node(s) (unless live-restore is on); --drain moves their pods away first.`]
		: [];
}
