import {createHash, X509Certificate} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {renderDropIn} from '../../source/settings/drop-in.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import {describeCa, parseTrustedCa, sslCertDir} from '../../source/settings/trusted-ca.ts';
import {expiredCa, fixtureNow, proxyCa, secondCa, serverCertificate} from './ca-fixtures.ts';
import {expectUsageError} from './expect-usage-error.ts';

const facts = {clusterDomain: 'cluster.local', podCidrs: [], serviceCidrs: [], nodeInternalIps: []};

describe('--ca-file: what is accepted', () => {
	it('a CA in PEM becomes the bundle, described by subject, expiry and fingerprint', () => {
		const ca = parseTrustedCa([proxyCa], fixtureNow)!;
		expect(ca.certificates).toEqual([{
			subject: 'O=Example Corp, CN=Example Proxy CA',
			notAfter: '2125-01-01T00:00:00.000Z',
			sha256: new X509Certificate(proxyCa.text).fingerprint256,
		}]);
		expect(ca.pem).toBe(new X509Certificate(proxyCa.text).toString());
		expect(ca.id).toBe(createHash('sha256').update(ca.pem).digest('hex').slice(0, 16));
		expect(describeCa(ca.certificates[0]!)).toBe('O=Example Corp, CN=Example Proxy CA (expires 2125-01-01)');
	});

	it('several files, or one bundle, give the same certificates in order, each once', () => {
		const bundle = {path: 'bundle.pem', text: `${proxyCa.text}${secondCa.text}`};
		const fromFiles = parseTrustedCa([proxyCa, secondCa, proxyCa], fixtureNow)!;
		const fromBundle = parseTrustedCa([bundle], fixtureNow)!;
		expect(fromFiles.certificates.map(certificate => certificate.subject)).toEqual(['O=Example Corp, CN=Example Proxy CA', 'O=Example Corp, CN=Example Second CA']);
		expect(fromBundle).toEqual(fromFiles);
	});

	it('text around the PEM blocks (openssl\'s subject= lines, CRLF endings) is dropped, only certificates reach the node', () => {
		const annotated = {path: 'annotated.pem', text: `subject=CN = Example Proxy CA\r\n${proxyCa.text.replaceAll('\n', '\r\n')}trailing words\n`};
		expect(parseTrustedCa([annotated], fixtureNow)!.pem).toBe(parseTrustedCa([proxyCa], fixtureNow)!.pem);
	});

	it('no --ca-file: no bundle, and the drop-in has no SSL_CERT_DIR', () => {
		expect(parseTrustedCa([], fixtureNow)).toBeUndefined();
		const settings = buildSettings({httpsProxy: 'http://proxy.corp:3128', noDefaultNoProxy: true, requireProxy: true}, facts);
		expect(renderDropIn(settings)).not.toContain('SSL_CERT_DIR');
	});

	it('the drop-in names Go\'s default certificate folders, then the bundle\'s own folder', () => {
		const settings = buildSettings({httpsProxy: 'http://proxy.corp:3128', noDefaultNoProxy: true, requireProxy: true, caFiles: [proxyCa], now: fixtureNow}, facts);
		const {id} = settings.trustedCa!;
		expect(sslCertDir(settings.trustedCa!)).toBe(`/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${id}`);
		expect(renderDropIn(settings).split('\n')).toContain(`Environment="SSL_CERT_DIR=/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/${id}"`);
	});
});

describe('--ca-file: what is refused (exit 2, naming the file)', () => {
	it('an expired CA, with the date', () => {
		expectUsageError(() => parseTrustedCa([expiredCa], fixtureNow), {
			flag: '--ca-file',
			position: null,
			message: [expiredCa.path, 'CN=Example Expired CA', 'expired on 2024-01-01'],
			hint: ['current CA'],
		});
	});

	it('a CA not valid yet', () => {
		expectUsageError(() => parseTrustedCa([proxyCa], new Date('2024-06-01T00:00:00Z')), {
			flag: '--ca-file',
			position: null,
			message: ['is not valid before 2025-01-01'],
		});
	});

	it('a server certificate instead of its CA', () => {
		expectUsageError(() => parseTrustedCa([serverCertificate], fixtureNow), {
			flag: '--ca-file',
			position: null,
			message: ['CN=proxy.example', 'is not a CA certificate'],
			hint: ['CA:TRUE'],
		});
	});

	it('a private key, even beside a good CA, without showing any of it', () => {
		const key = '-----BEGIN PRIVATE KEY-----\nTUlJQ2VBSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbUl3Z2dKZUFnRUFBb0dCQU5D\n-----END PRIVATE KEY-----\n';
		expectUsageError(() => parseTrustedCa([{path: 'mixed.pem', text: `${proxyCa.text}${key}`}], fixtureNow), {
			flag: '--ca-file',
			position: null,
			message: ['PEM block 2 is a PRIVATE KEY'],
			hint: ['private key'],
			absent: ['TUlJQ2VBSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbUl3Z2dKZUFnRUFBb0dCQU5D'],
		});
	});

	it('a file without PEM (DER, or anything else), with the conversion', () => {
		expectUsageError(() => parseTrustedCa([{path: 'ca.der', text: '0\x82\x01^0\x82\x01\x05'}], fixtureNow), {
			flag: '--ca-file',
			position: null,
			message: ['holds no PEM certificate'],
			hint: ['openssl x509 -inform der'],
		});
	});

	it('a damaged certificate', () => {
		const damaged = proxyCa.text.replace(/\n[A-Za-z0-9+/]{10}/, '\nAAAAAAAAAA');
		expectUsageError(() => parseTrustedCa([{path: 'damaged.pem', text: damaged}], fixtureNow), {
			flag: '--ca-file',
			position: null,
			message: ['PEM block 1 is not a valid X.509 certificate'],
		});
	});
});
