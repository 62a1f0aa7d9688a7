import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { NotFoundError, type ObjectStore } from '../src/index.js';

const text = async (r: Readable) => {
  let s = '';
  for await (const c of r) s += c;
  return s;
};

const sha = async (r: Readable) => {
  const hash = createHash('sha256');
  for await (const c of r) hash.update(c as Buffer);
  return hash.digest('hex');
};

/** What every {@link ObjectStore} must do, the same tests for a directory and for a bucket. */
export function objectStoreContract(
  label: string,
  open: () => Promise<{ store: ObjectStore; close(): Promise<void> }>,
) {
  describe(`${label}: the object store contract`, () => {
    let store: ObjectStore;
    let close: () => Promise<void>;
    let scratch: string;
    before(async () => {
      ({ store, close } = await open());
      scratch = await mkdtemp(join(tmpdir(), 'store-src-'));
    });
    after(async () => {
      await close();
      await rm(scratch, { recursive: true, force: true });
    });

    test('a streamed object can be read back whole or by byte range', async () => {
      const stat = await store.put(
        'videos/a/original.mp4',
        Readable.from([Buffer.from('hello '), Buffer.from('world')]),
      );
      assert.equal(stat.size, 11);
      assert.equal(await text(await store.get('videos/a/original.mp4')), 'hello world');
      assert.equal(await text(await store.get('videos/a/original.mp4', { start: 6, end: 8 })), 'wor');
      assert.equal(await text(await store.get('videos/a/original.mp4', { start: 6 })), 'world');
    });

    test('a large streamed object (several multipart parts) is stored byte for byte', async () => {
      const bytes = randomBytes(19 * 1024 * 1024 + 7);
      const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) =>
        bytes.subarray(i * 65536, (i + 1) * 65536),
      );
      const stat = await store.put('videos/big/original.mp4', Readable.from(chunks));
      assert.equal(stat.size, bytes.length);
      assert.equal(
        await sha(await store.get('videos/big/original.mp4')),
        createHash('sha256').update(bytes).digest('hex'),
      );
      await store.delete('videos/big/original.mp4');
    });

    test('a missing object is absent, not an error, except when read', async () => {
      assert.equal(await store.stat('nope/x'), null);
      await assert.rejects(store.get('nope/x'), NotFoundError);
      await store.delete('nope/x');
    });

    test('files move in; objects list by prefix, sorted', async () => {
      const src = join(scratch, 'src.bin');
      await writeFile(src, 'abc');
      await store.putFile('videos/b/hls/240p/index.m3u8', src, { move: true });
      await assert.rejects(stat(src), /ENOENT/);
      await store.put('videos/b/thumb.jpg', Readable.from([Buffer.from('j')]));
      const listed = await store.list('videos/b/');
      assert.deepEqual(
        listed.map((s) => [s.key, s.size]),
        [
          ['videos/b/hls/240p/index.m3u8', 3],
          ['videos/b/thumb.jpg', 1],
        ],
      );
      assert.equal(await text(await store.get('videos/b/hls/240p/index.m3u8')), 'abc');
      assert.deepEqual(await store.list('videos/zzz/'), []);
    });

    test('writing a key again replaces the object; deleting it removes it from listings', async () => {
      await store.put('videos/d/thumb.jpg', Readable.from([Buffer.from('first')]));
      await store.put('videos/d/thumb.jpg', Readable.from([Buffer.from('2nd')]));
      assert.equal(await text(await store.get('videos/d/thumb.jpg')), '2nd');
      await store.delete('videos/d/thumb.jpg');
      assert.deepEqual(await store.list('videos/d/'), []);
    });

    test('keys that could escape are refused before any request', async () => {
      for (const bad of ['../x', '/abs', 'a//b', 'a/.hidden']) {
        await assert.rejects(store.put(bad, Readable.from([Buffer.from('x')])), /invalid object key/);
        await assert.rejects(store.get(bad), /invalid object key/);
      }
    });
  });
}
