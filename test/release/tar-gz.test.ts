import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {runOrThrow} from '../cluster/run.ts';
import {tarArchive, tarGzArchive} from './tar-gz.ts';

const mtime = new Date('2026-03-04T05:06:07Z');
const program = {name: 'kubectl-proxyinject', data: new TextEncoder().encode('#!/bin/sh\necho hi\n'), mode: 0o755};
const license = {name: 'LICENSE', data: new Uint8Array(1500).fill(65), mode: 0o644};

let dir: string | undefined;
afterEach(async () => {
	if (dir) {
		await rm(dir, {recursive: true, force: true});
	}
});

test('tar extracts the files with their content, permissions and time', async () => {
	dir = await mkdtemp(join(tmpdir(), 'tar-test-'));
	const archive = join(dir, 'archive.tar.gz');
	await writeFile(archive, tarGzArchive([program, license], {mtime}));
	const listing = await runOrThrow('tar', ['-tzf', archive]);
	expect(listing.stdout.trim().split('\n')).toEqual(['kubectl-proxyinject', 'LICENSE']);

	await runOrThrow('tar', ['-xzf', archive, '-C', dir]);
	expect(await readFile(join(dir, 'kubectl-proxyinject'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
	expect(await readFile(join(dir, 'LICENSE'))).toEqual(Buffer.from(license.data));
	const extracted = await stat(join(dir, 'kubectl-proxyinject'));
	expect(extracted.mode & 0o777).toBe(0o755);
	expect(extracted.mtime.toISOString()).toBe('2026-03-04T05:06:07.000Z');
	expect((await stat(join(dir, 'LICENSE'))).mode & 0o777).toBe(0o644);
});

test('equal inputs give equal bytes', () => {
	expect(Buffer.from(tarGzArchive([program, license], {mtime})).equals(Buffer.from(tarGzArchive([program, license], {mtime})))).toBe(true);
});

test('the gzip header carries no time and no file name, and always says Unix', () => {
	const header = tarGzArchive([program, license], {mtime}).subarray(0, 10);
	// Magic, deflate, no flags (so no name or comment), time 0, maximum compression, Unix.
	expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
});

test('owner and group are root (0/0) whoever builds', () => {
	const tar = tarArchive([program], {mtime});
	const field = (offset: number, length: number) => new TextDecoder().decode(tar.subarray(offset, offset + length));
	expect([field(108, 8), field(116, 8), field(265, 4), field(297, 4)]).toEqual(['0000000\0', '0000000\0', 'root', 'root']);
});

test('the archive is whole 512-byte blocks: header, padded data, two empty blocks', () => {
	// 19 bytes of program and 1500 of license: 1 + 1 and 1 + 3 blocks, then 2.
	expect(tarArchive([program, license], {mtime}).byteLength).toBe(512 * (2 + 4 + 2));
});

test('names with folders or non-ASCII characters are refused', () => {
	expect(() => tarArchive([{...program, name: 'bin/kubectl-proxyinject'}], {mtime})).toThrow(/plain ASCII file name/);
	expect(() => tarArchive([{...program, name: 'lizenz-ä'}], {mtime})).toThrow(/plain ASCII file name/);
});
