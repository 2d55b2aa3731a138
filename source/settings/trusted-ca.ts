import {createHash, X509Certificate} from 'node:crypto';
import {flagError} from './flag-error.ts';
import {maxCaBundleBytes} from './limits.ts';

export const caFileFlag = '--ca-file';

/** A --ca-file as read: its path (for messages) and its text. */
export type CaFileInput = {readonly path: string; readonly text: string};

/** One CA certificate, described for the plan and settings.json. */
export type CaCertificate = {
	/** `CN=Corp Proxy CA, O=Corp`: the file's own text, to be shown through printable(). */
	readonly subject: string;
	/** ISO 8601. */
	readonly notAfter: string;
	/** SHA-256 of the DER, hex with colons, as openssl and browsers show it. */
	readonly sha256: string;
};

/** The CAs a node's runtime trusts besides the system roots. */
export type TrustedCa = {
	/** Only CERTIFICATE blocks, re-encoded: exactly what the node receives. */
	readonly pem: string;
	/** First 16 hex digits of the SHA-256 of `pem`: names the folder on the node. */
	readonly id: string;
	readonly certificates: readonly CaCertificate[];
};

/**
 * Go's default certificate folders on Linux (crypto/x509 root_linux.go).
 * SSL_CERT_DIR replaces them rather than adding to them, so the value we set
 * lists them before our own folder; SSL_CERT_FILE stays unset, so Go still
 * reads the first system bundle it finds.
 */
export const goCertDirectories = ['/etc/ssl/certs', '/etc/pki/tls/certs'] as const;

/**
 * Where the nodes keep the CAs: one folder per bundle, named by its id, so
 * that a new bundle is a new SSL_CERT_DIR (the runtime is restarted for it)
 * and the previous one stays in place until the runtime runs with the new.
 * Under /etc/systemd/system because that is all the injector mounts; systemd
 * ignores a folder whose name is no unit name.
 */
export const caFolderOnNode = '/etc/systemd/system/proxyinject-ca';

/** The one SSL_CERT_DIR value the nodes accept (inject.sh checks the same shape). */
export function sslCertDir(ca: TrustedCa): string {
	return [...goCertDirectories, `${caFolderOnNode}/${ca.id}`].join(':');
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/**
 * Validates the CA files (PEM, CA certificates, valid now) and joins them
 * into one bundle, duplicates removed. Anything off is a usage error naming
 * the file: nothing has been contacted yet.
 */
export function parseTrustedCa(files: readonly CaFileInput[], now: Date): TrustedCa | undefined {
	if (files.length === 0) {
		return undefined;
	}

	const seen = new Set<string>();
	const certificates: Array<{pem: string; described: CaCertificate}> = [];
	for (const file of files) {
		for (const certificate of certificatesOf(file, now)) {
			if (!seen.has(certificate.described.sha256)) {
				seen.add(certificate.described.sha256);
				certificates.push(certificate);
			}
		}
	}

	const pem = certificates.map(certificate => certificate.pem).join('');
	if (pem.length > maxCaBundleBytes) {
		throw flagError({
			flag: caFileFlag,
			shownValue: files.map(file => file.path).join(', '),
			problem: `the certificates are ${pem.length} bytes together, over the limit of ${maxCaBundleBytes} bytes`,
			hint: 'Pass only the CA of your proxy (and its intermediates), not a whole system bundle: the nodes keep their own system roots.',
		});
	}

	return {pem, id: createHash('sha256').update(pem).digest('hex').slice(0, 16), certificates: certificates.map(certificate => certificate.described)};
}

function certificatesOf(file: CaFileInput, now: Date): Array<{pem: string; described: CaCertificate}> {
	const fail = (problem: string, hint: string): never => {
		throw flagError({flag: caFileFlag, shownValue: file.path, problem, hint});
	};

	const found: Array<{pem: string; described: CaCertificate}> = [];
	let index = 0;
	for (const [, label, body, endLabel] of file.text.matchAll(pemBlock)) {
		index++;
		if (label !== endLabel) {
			fail(`PEM block ${index} begins as ${label} and ends as ${endLabel}`, 'The file is damaged: export the CA certificate again.');
		}

		if (label !== 'CERTIFICATE') {
			fail(`PEM block ${index} is a ${label}, not a CERTIFICATE`, label!.includes('PRIVATE')
				? 'A private key has no place here (and must not be shared): pass only the CA certificate.'
				: 'Pass CA certificates only (-----BEGIN CERTIFICATE-----).');
		}

		let certificate: X509Certificate | undefined;
		try {
			certificate = new X509Certificate(Buffer.from(body!.replaceAll(/\s/g, ''), 'base64'));
		} catch {
			fail(`PEM block ${index} is not a valid X.509 certificate`, 'The file is damaged: export the CA certificate again.');
		}

		const described = describe(certificate!);
		if (!certificate!.ca) {
			fail(`certificate ${index} (${described.subject}) is not a CA certificate`, 'Pass the certificate of the CA that signs the proxy\'s certificates (basicConstraints CA:TRUE), not a server certificate.');
		}

		if (certificate!.validToDate.getTime() <= now.getTime()) {
			fail(`certificate ${index} (${described.subject}) expired on ${described.notAfter}`, 'Ask for the proxy\'s current CA certificate: a runtime refuses an expired one.');
		}

		if (certificate!.validFromDate.getTime() > now.getTime()) {
			fail(`certificate ${index} (${described.subject}) is not valid before ${certificate!.validFromDate.toISOString()}`, 'Check the clock of this machine, or pass the CA in use today.');
		}

		found.push({pem: certificate!.toString(), described});
	}

	if (found.length === 0) {
		fail('holds no PEM certificate', 'Pass a PEM file (-----BEGIN CERTIFICATE-----); a DER file converts with: openssl x509 -inform der -in ca.der -out ca.pem');
	}

	return found;
}

function describe(certificate: X509Certificate): CaCertificate {
	return {
		subject: certificate.subject.split('\n').filter(Boolean).join(', '),
		notAfter: certificate.validToDate.toISOString(),
		sha256: certificate.fingerprint256,
	};
}

/** `CN=Corp Proxy CA, O=Corp (expires 2031-05-01)`: for the plan. */
export function describeCa(certificate: CaCertificate): string {
	return `${certificate.subject} (expires ${certificate.notAfter.slice(0, 10)})`;
}
