// CA certificates for the --ca-file tests, made once with Go's crypto/x509
// (ECDSA P-256): two CAs valid 2025-2125, one CA that expired on 2024-01-01,
// and a server certificate (not a CA) signed by the first.
import {readFileSync} from 'node:fs';

const fixture = (name: string) => {
	const path = new URL(`fixtures/${name}`, import.meta.url).pathname;
	return {path, text: readFileSync(path, 'utf8')};
};

export const proxyCa = fixture('proxy-ca.pem');
export const secondCa = fixture('second-ca.pem');
export const expiredCa = fixture('expired-ca.pem');
export const serverCertificate = fixture('server.pem');

/** A day when the fixtures' CAs are valid and the expired one is not. */
export const fixtureNow = new Date('2026-06-01T00:00:00Z');
