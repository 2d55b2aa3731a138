import {createHash} from 'node:crypto';

/**
 * The digest check-drift.sh computes: sha256 of the content, preceded by
 * the key and a newline when there is a key. The key is the Secret's
 * settings-hash key: where the settings have credentials, a digest in the
 * pod spec must not let its readers test password guesses offline.
 */
export function checkDigest(content: string, key?: string): string {
	return createHash('sha256').update(key === undefined ? content : `${key}\n${content}`).digest('hex');
}
