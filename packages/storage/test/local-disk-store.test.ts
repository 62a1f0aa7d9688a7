import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { assertValidKey, createMediaStores, LocalDiskStore, NotFoundError, REPO_ROOT } from '../src/index.js';
import { objectStoreContract } from './store-contract.js';

let root: string;
let store: LocalDiskStore;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-'));
  store = new LocalDiskStore(root);
});
after(() => rm(root, { recursive: true, force: true }));

objectStoreContract('local directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-contract-'));
  return { store: new LocalDiskStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

const text = async (r: Readable) => {
  let s = '';
  for await (const c of r) s += c;
  return s;
};

test('a streamed object can be read back whole or by byte range', async () => {
  const stat = await store.put('videos/a/original.mp4', Readable.from([Buffer.from('hello '), Buffer.from('world')]));
  assert.equal(stat.size, 11);
  assert.equal(await text(await store.get('videos/a/original.mp4')), 'hello world');
  assert.equal(await text(await store.get('videos/a/original.mp4', { start: 6, end: 8 })), 'wor');
  assert.equal(await text(await store.get('videos/a/original.mp4', { start: 6 })), 'world');
  assert.equal(store.localPath('videos/a/original.mp4'), join(root, 'videos', 'a', 'original.mp4'));
});

test('a missing object is absent, not an error, except when read', async () => {
  assert.equal(await store.stat('nope/x'), null);
  await assert.rejects(store.get('nope/x'), NotFoundError);
  await store.delete('nope/x');
});

test('files move in, objects list by prefix without scratch files', async () => {
  const src = join(root, 'src.bin');
  await writeFile(src, 'abc');
  await store.putFile('videos/b/hls/240p/index.m3u8', src, { move: true });
  await store.put('videos/b/thumb.jpg', Readable.from([Buffer.from('j')]));
  const keys = (await store.list('videos/b/')).map((s) => s.key);
  assert.deepEqual(keys, ['videos/b/hls/240p/index.m3u8', 'videos/b/thumb.jpg']);
  assert.equal(await readFile(store.localPath('videos/b/hls/240p/index.m3u8'), 'utf8'), 'abc');
  assert.deepEqual(await store.list('videos/zzz/'), []);
});

test('keys that could escape the root are refused', () => {
  for (const bad of ['../x', '/abs', 'a//b', 'a/../b', 'a/.hidden', '']) assert.throws(() => assertValidKey(bad));
  assertValidKey('videos/0193-ab/original.mp4');
});

test('default stores live under var/ at the repository root, and have no URL', async () => {
  const { hot, cold } = createMediaStores({});
  assert.equal(hot.localPath('k'), join(REPO_ROOT, 'var', 'media', 'k'));
  assert.equal(cold.localPath('k'), join(REPO_ROOT, 'var', 'media-cold', 'k'));
  assert.equal(await hot.readUrl('k', 60), null);
});

test('deleting the last object of a folder removes the emptied folders, not the root', async () => {
  await store.put('videos/c/hls/240p/seg.ts', Readable.from([Buffer.from('x')]));
  await store.put('videos/c/thumb.jpg', Readable.from([Buffer.from('y')]));
  await store.delete('videos/c/hls/240p/seg.ts');
  assert.deepEqual(
    (await store.list('videos/c/')).map((s) => s.key),
    ['videos/c/thumb.jpg'],
  );
  await assert.rejects(readFile(join(root, 'videos', 'c', 'hls')), /ENOENT/);
  await store.delete('videos/c/thumb.jpg');
  await assert.rejects(readFile(join(root, 'videos', 'c')), /ENOENT/);
  assert.ok((await store.list('videos/')).length > 0);
});
