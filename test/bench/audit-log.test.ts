import {expect, test} from 'vitest';
import {agentOf, type AuditEntry, auditPolicy, benchUsername, countRequests, parseAuditLines, requestKind, requestsOf} from './audit-log.ts';

let id = 0;
function entry(verb: string, resource: string | undefined, fields: Partial<AuditEntry> = {}): AuditEntry {
	return {
		auditID: `id-${id++}`,
		stage: 'ResponseComplete',
		verb,
		requestURI: resource ? `/api/v1/${resource}` : '/apis',
		userAgent: 'kubernetes-client-javascript/2.0.1',
		...(resource && {objectRef: {resource}}),
		responseStatus: {code: 200},
		requestReceivedTimestamp: '2026-11-26T10:00:00.000000Z',
		stageTimestamp: '2026-11-26T10:00:00.001000Z',
		...fields,
	};
}

test('the policy audits the bench user only, without request bodies', () => {
	expect(auditPolicy).toContain(`users: ["${benchUsername}"]`);
	expect(auditPolicy).toMatch(/level: Metadata[\s\S]*level: None/);
});

test('user agents tell the plugin (typed client and watches) from kubectl', () => {
	expect(agentOf('kubectl-proxyinject/0.1.0')).toBe('plugin');
	expect(agentOf('kubernetes-client-javascript/2.0.1')).toBe('plugin');
	expect(agentOf('undici')).toBe('plugin');
	expect(agentOf('kubectl/v1.35.4 (linux/amd64) kubernetes/$Format')).toBe('kubectl');
	expect(agentOf('kube-controller-manager/v1.35.4')).toBe('other');
	expect(agentOf(undefined)).toBe('other');
});

test('a watch counts once, when it starts; other requests when they are answered', () => {
	const watch = entry('watch', 'pods', {stage: 'ResponseStarted'});
	const requests = requestsOf([
		watch,
		{...watch, stage: 'ResponseComplete'},
		entry('list', 'nodes'),
		entry('get', 'pods', {stage: 'ResponseStarted'}),
	]);
	expect(requests.map(request => request.verb)).toEqual(['watch', 'list']);
});

test('counts split writes, node writes, reviews and errors', () => {
	const counts = countRequests([
		entry('patch', 'nodes'),
		entry('patch', 'nodes'),
		entry('patch', 'daemonsets'),
		entry('create', 'selfsubjectaccessreviews'),
		entry('delete', 'secrets', {responseStatus: {code: 404}}),
		entry('list', 'pods'),
		entry('watch', 'pods'),
		entry('get', undefined),
	]);
	expect(counts).toMatchObject({total: 8, writes: 4, nodeWrites: 2, reviews: 1, errors: 1, lists: 1, watches: 1, gets: 1});
	expect(counts.byKind[0]).toEqual(['patch nodes', 2]);
});

test('a request without a resource is named by its path, a subresource after a slash', () => {
	expect(requestKind(entry('get', undefined, {requestURI: '/apis/apps/v1?timeout=32s'}))).toBe('get /apis/apps/v1');
	expect(requestKind(entry('get', 'pods', {objectRef: {resource: 'pods', subresource: 'log'}}))).toBe('get pods/log');
});

test('a half-written last line is skipped, not fatal', () => {
	const line = JSON.stringify(entry('list', 'nodes'));
	expect(parseAuditLines(`${line}\n${line.slice(0, 20)}`)).toHaveLength(1);
});
