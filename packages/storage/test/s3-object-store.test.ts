import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createMediaStores, S3ObjectStore, s3Client } from '../src/index.js';
import { startTestS3, type TestS3 } from '../src/testing/index.js';
import { objectStoreContract } from './store-contract.js';

let s3: TestS3;
before(async () => {
  s3 = await startTestS3(['media', 'archive']);
});
after(() => s3.close());

objectStoreContract('s3 bucket (s3rver)', async () => ({
  store: new S3ObjectStore(s3Client(s3.settings), 'media'),
  close: async () => undefined,
}));

objectStoreContract('s3 bucket below a prefix (s3rver)', async () => ({
  store: createMediaStores({ ...s3.settings, MEDIA_ROOT: 's3://archive/season-1447/cold' }).hot,
  close: async () => undefined,
}));

test('s3:// locations choose buckets for both tiers, with the prefix kept out of keys', async () => {
  const { hot, cold } = createMediaStores({
    ...s3.settings,
    MEDIA_ROOT: 's3://media/hot',
    MEDIA_COLD_ROOT: 's3://archive',
  });
  assert.equal(hot.name, 's3:media/hot');
  assert.equal(cold.name, 's3:archive');
  assert.equal(hot.localPath('videos/x/original.mp4'), null);
  await hot.put('videos/p/thumb.jpg', Readable.from([Buffer.from('j')]));
  const raw = new S3ObjectStore(s3Client(s3.settings), 'media');
  assert.deepEqual(
    (await raw.list('hot/videos/p/')).map((o) => o.key),
    ['hot/videos/p/thumb.jpg'],
  );
  assert.deepEqual(
    (await hot.list('videos/p/')).map((o) => o.key),
    ['videos/p/thumb.jpg'],
  );
  assert.throws(() => createMediaStores({ MEDIA_ROOT: 's3://' }), /not a bucket location/);
});

test('another process reads an object by its presigned URL, without credentials', async () => {
  const hot = createMediaStores({ ...s3.settings, MEDIA_ROOT: 's3://media/hot' }).hot;
  await hot.put('videos/u/audio.wav', Readable.from([Buffer.from('RIFF....')]));
  const url = await hot.readUrl('videos/u/audio.wav', 60);
  assert.ok(url);
  const parsed = new URL(url);
  assert.equal(parsed.pathname, '/media/hot/videos/u/audio.wav');
  assert.equal(parsed.searchParams.get('X-Amz-Expires'), '60');
  assert.ok(parsed.searchParams.get('X-Amz-Signature'));
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'RIFF....');
});
