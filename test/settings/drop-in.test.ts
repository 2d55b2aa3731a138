import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {dropInMarker, renderDropIn} from '../../source/settings/drop-in.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import type {ProxySettings, ProxyUrl} from '../../source/settings/types.ts';

const facts = {clusterDomain: 'cluster.local', podCidrs: [], serviceCidrs: [], nodeInternalIps: []};

function settingsFor(httpProxy: string, noProxy = 'registry.corp,10.0.0.0/8'): ProxySettings {
	return buildSettings({httpProxy, noProxy, noDefaultNoProxy: true, requireProxy: true}, facts);
}

/**
 * Reads `Environment="NAME=value"` lines back the way systemd does for our
 * restricted alphabet: one quoted word per line, `%%` meaning `%`.
 */
function parseDropIn(content: string): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const line of content.split('\n')) {
		const match = /^Environment="([A-Za-z_]+)=([^"]*)"$/.exec(line);
		if (match) {
			const value = match[2]!;
			expect(value.replaceAll('%%', '')).not.toContain('%');
			environment[match[1]!] = value.replaceAll('%%', '%');
		}
	}

	return environment;
}

describe('renderDropIn', () => {
	it('renders the marker, [Service] and the six variables, in order', () => {
		const content = renderDropIn(buildSettings({
			httpProxy: 'http://proxy:3128',
			httpsProxy: 'http://secure:3129',
			noProxy: 'a.corp,.svc',
			noDefaultNoProxy: true,
			requireProxy: true,
		}, facts));
		expect(content).toBe([
			'# Managed by kubectl-proxyinject. Do not edit: changes are overwritten.',
			'[Service]',
			'Environment="HTTP_PROXY=http://proxy:3128"',
			'Environment="http_proxy=http://proxy:3128"',
			'Environment="HTTPS_PROXY=http://secure:3129"',
			'Environment="https_proxy=http://secure:3129"',
			'Environment="NO_PROXY=a.corp,.svc"',
			'Environment="no_proxy=a.corp,.svc"',
			'',
		].join('\n'));
	});

	it('starts with the line the host scripts look for', () => {
		const firstLine = renderDropIn(settingsFor('http://proxy:3128')).split('\n')[0]!;
		expect(firstLine).toBe(dropInMarker);
		expect(firstLine).toMatch(/^# Managed by kubectl-proxyinject\./);
	});

	it('writes only the variables that are set', () => {
		const httpsOnly = renderDropIn(buildSettings({httpsProxy: 'http://p:1', noDefaultNoProxy: true, requireProxy: true}, facts));
		expect(Object.keys(parseDropIn(httpsOnly))).toEqual(['HTTPS_PROXY', 'https_proxy']);
	});

	it('doubles % so that systemd does not expand specifiers, and the values read back exactly', () => {
		const settings = settingsFor('http://al%69ce:p%25n%25h%40%2F@proxy:3128');
		const content = renderDropIn(settings);
		expect(content).toContain('http://al%%69ce:p%%25n%%25h%%40%%2F@proxy:3128');
		expect(parseDropIn(content)).toEqual({
			HTTP_PROXY: settings.httpProxy!.text,
			http_proxy: settings.httpProxy!.text,
			HTTPS_PROXY: settings.httpsProxy!.text,
			https_proxy: settings.httpsProxy!.text,
			NO_PROXY: 'registry.corp,10.0.0.0/8',
			no_proxy: 'registry.corp,10.0.0.0/8',
		});
	});

	it.each(['a"b', 'a\\b', 'a b', 'a\nExecStart=/bin/sh', 'a$b', 'a;b', 'a\u202Eb'])('refuses settings built by hand that contain %j', bad => {
		const url: ProxyUrl = {scheme: 'http', host: 'h', port: 80, text: `http://${bad}`, masked: `http://${bad}`};
		expect(() => renderDropIn({httpProxy: url, noProxy: [], hasCredentials: false})).toThrow(/Refusing to write HTTP_PROXY/);
		expect(() => renderDropIn({noProxy: [bad], hasCredentials: false})).toThrow(/Refusing to write NO_PROXY/);
	});
});

const systemdAnalyze = '/usr/bin/systemd-analyze';
const haveSystemdAnalyze = existsSync(systemdAnalyze);
// In CI a missing systemd-analyze must fail the run, not hide it.
const skipVerify = !haveSystemdAnalyze && process.env.CI !== 'true';

describe('systemd-analyze verify', () => {
	const root = mkdtempSync(join(tmpdir(), 'proxyinject-drop-in-'));
	let counter = 0;
	afterAll(() => {
		rmSync(root, {recursive: true, force: true});
	});

	/** A stub runtime unit plus our drop-in, in a unit path of their own. */
	function verify(dropIn: string): {status: number | null; stderr: string} {
		const unitDir = join(root, String(counter++));
		mkdirSync(join(unitDir, 'containerd.service.d'), {recursive: true});
		writeFileSync(join(unitDir, 'containerd.service'), [
			'[Unit]',
			'Description=stub container runtime',
			// No sysinit.target & co. in our isolated unit path.
			'DefaultDependencies=no',
			'',
			'[Service]',
			'ExecStart=/bin/true',
			'',
		].join('\n'));
		writeFileSync(join(unitDir, 'containerd.service.d', 'http-proxy.conf'), dropIn);
		const result = spawnSync(systemdAnalyze, ['verify', '--man=no', '--generators=no', join(unitDir, 'containerd.service')], {
			cwd: unitDir,
			encoding: 'utf8',
			env: {...process.env, SYSTEMD_UNIT_PATH: unitDir, SYSTEMD_LOG_COLOR: '0'},
			timeout: 30_000,
		});
		if (result.error) {
			throw result.error;
		}

		return {status: result.status, stderr: result.stderr};
	}

	it.skipIf(skipVerify)('accepts our drop-in without a single warning', () => {
		const settings = buildSettings({
			httpProxy: 'http://alice:p%25n%25h%40x@proxy.corp:3128',
			httpsProxy: 'https://[fd00::1]:8443',
			noProxy: 'registry.corp,*.corp,.svc,10.0.0.0/8,fd00::/8,[fd00::2]:443,host:5000',
			noDefaultNoProxy: false,
			requireProxy: true,
		}, {...facts, apiServerHost: '[fd00::10]', podCidrs: ['10.244.0.0/16'], nodeInternalIps: ['192.168.0.1']});
		expect(verify(renderDropIn(settings))).toEqual({status: 0, stderr: ''});
	});

	it.skipIf(skipVerify)('negative control: reports an unescaped % (systemd specifier)', () => {
		const content = renderDropIn(settingsFor('http://alice:p%40x@proxy:3128')).replaceAll('%%', '%');
		const result = verify(content);
		expect(result.stderr).toMatch(/Failed to resolve specifiers/);
	});

	it.skipIf(skipVerify)('negative control: reports an unterminated quote', () => {
		const result = verify(`${dropInMarker}\n[Service]\nEnvironment="HTTP_PROXY=http://proxy:3128\n`);
		expect(result.stderr).toMatch(/Invalid syntax/);
	});

	it.skipIf(skipVerify)('negative control: reports an unknown key', () => {
		const result = verify(`${dropInMarker}\n[Service]\nEnvironmnt="HTTP_PROXY=http://proxy:3128"\n`);
		expect(result.stderr).toMatch(/Unknown key/);
	});
});
