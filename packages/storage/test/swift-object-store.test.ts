import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createMediaStores, type MediaStores } from '../src/index.js';
import { startTestSwift, type TestS3 } from '../src/testing/index.js';
import { objectStoreContract } from './store-contract.js';

// OpenStack Swift's S3 layer checks signatures, unlike s3rver: the same contract, and presigned
// links that are refused once altered or expired.
let swift: TestS3;
let stores: MediaStores;
before(async () => {
  swift = await startTestSwift(['media', 'archive']);
  stores = createMediaStores({ ...swift.settings, MEDIA_ROOT: 's3://media/hot', MEDIA_COLD_ROOT: 's3://archive' });
});
after(() => swift.close());

objectStoreContract('s3 bucket (OpenStack Swift)', async () => ({ store: stores.hot, close: async () => undefined }));

test('a presigned URL reads its object, and only while untampered and unexpired (SigV4 checked)', async () => {
  await stores.hot.put('videos/s/blurred/video.mp4', Readable.from([Buffer.from('proof')]));
  const url = (await stores.hot.readUrl('videos/s/blurred/video.mp4', 60))!;
  const ok = await fetch(url);
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), 'proof');
  const flipped = url.replace(/X-Amz-Signature=(.)/, (_, c: string) => `X-Amz-Signature=${c === 'a' ? 'b' : 'a'}`);
  assert.equal((await fetch(flipped)).status, 403);
  // The signature covers the key and the lifetime: neither can be changed.
  assert.equal((await fetch(url.replace('/blurred/', '/original/'))).status, 403);
  assert.equal((await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'))).status, 403);
  const short = (await stores.hot.readUrl('videos/s/blurred/video.mp4', 1))!;
  await new Promise((resolve) => setTimeout(resolve, 2100));
  assert.equal((await fetch(short)).status, 403);
});

test('a client with the wrong secret is refused', async () => {
  const { hot } = createMediaStores({
    ...swift.settings,
    S3_SECRET_ACCESS_KEY: 'not-the-secret',
    MEDIA_ROOT: 's3://media/hot',
  });
  await assert.rejects(hot.put('videos/w/thumb.jpg', Readable.from([Buffer.from('x')])));
  assert.equal(await stores.hot.stat('videos/w/thumb.jpg'), null);
});
