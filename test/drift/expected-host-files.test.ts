import {describe, expect, it} from 'vitest';
import {dropInAssignments, expectedHostFiles} from '../../source/drift/expected-host-files.ts';
import {dropInMarker} from '../../source/settings/drop-in.ts';

const rendered = (lines: string[]) => [dropInMarker, '[Service]', ...lines, ''].join('\n');

describe('expectedHostFiles', () => {
	it('without credentials: the drop-in as rendered, the running environment sorted', () => {
		const source = rendered(['Environment="HTTPS_PROXY=http://proxy:3128"', 'Environment="https_proxy=http://proxy:3128"', 'Environment="NO_PROXY=a%%b"', 'Environment="no_proxy=a%%b"']);
		expect(expectedHostFiles(source, 'containerd.service', 'http-proxy.conf')).toEqual({
			dropIn: source,
			runtimeEnv: 'HTTPS_PROXY=http://proxy:3128\nNO_PROXY=a%b\nhttps_proxy=http://proxy:3128\nno_proxy=a%b\n',
			variables: ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'],
		});
	});

	it('values with credentials go to the root-only environment file, which the drop-in names', () => {
		const source = rendered(['Environment="HTTPS_PROXY=http://u:p%%40w@proxy:3128"', 'Environment="NO_PROXY=x"']);
		const files = expectedHostFiles(source, 'docker.service', 'http-proxy.conf');
		expect(files?.dropIn).toBe(rendered(['Environment="NO_PROXY=x"', 'EnvironmentFile=-/etc/systemd/system/docker.service.d/http-proxy.env']));
		expect(files?.envFile).toBe(`${dropInMarker}\nHTTPS_PROXY=http://u:p%40w@proxy:3128\n`);
	});

	it('a CA bundle is expected in the folder SSL_CERT_DIR names, after the marker', () => {
		const source = rendered(['Environment="SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/0123456789abcdef"']);
		expect(expectedHostFiles(source, 'containerd.service', 'http-proxy.conf', 'PEM\n')?.ca).toEqual({id: '0123456789abcdef', file: `${dropInMarker}\nPEM\n`});
	});

	it.each([
		['no marker', '[Service]\nEnvironment="HTTPS_PROXY=x"\n'],
		['another variable', rendered(['Environment="PATH=/tmp"'])],
		['a variable twice', rendered(['Environment="NO_PROXY=a"', 'Environment="NO_PROXY=b"'])],
		['a space in a value', rendered(['Environment="NO_PROXY=a b"'])],
		['no variable', rendered([])],
	])('%s: not a drop-in the plugin renders', (_what, source) => {
		expect(dropInAssignments(source)).toBeUndefined();
	});
});
