import { newId, Role } from '@qurbani/kit';
import { clipDir, eventually, makeClip, sha256File } from '@qurbani/kit/testing';
import { createMediaStores, type MediaStores } from '@qurbani/storage';
import { startTestS3, startTestSwift, type TestS3 } from '@qurbani/storage/testing';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CheckResult, VideoService, VideoStatus } from '../src/app.js';
import { Video } from '../src/video/video.entity.js';
import { asViewer, cutUpload, testMedia, tus } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const DAY = 86_400_000;
const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;
const PLAYBACK = `query($id: ID!) { video(id: $id) { archivedAt playback { status hlsUrl fileUrl } } }`;

// The same journey as on local disk (upload.test, playback.test, archive.test), with both tiers in
// buckets of an S3 server: a cut upload resumed, renditions stored and played back from the bucket,
// the cold-tier move and the way back. On s3rver (in process) and OpenStack Swift's S3 layer (SigV4).
const SERVERS = [
  ['s3rver', startTestS3],
  ['OpenStack Swift', startTestSwift],
] as const;

for (const [server, startS3] of SERVERS)
  describe(`media in S3-compatible object storage (${server})`, () => {
    const start = new Date();
    let clock = start;
    const [butcher, donor, organizer] = [person(Role.EXECUTOR), person(Role.DONOR), person(Role.ORGANIZER)];
    let s3: TestS3;
    let stores: MediaStores;
    let h: Harness;
    let origin: string;
    let clips: { dir: string; cleanup(): Promise<void> };
    let videoId: string;

    const objects = async (tier: 'hot' | 'cold') => (await stores[tier].list(`videos/${videoId}/`)).length;
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(new URL(path, origin), { headers: { ...asViewer(null), ...headers } });

    before(async () => {
      s3 = await startS3(['media', 'archive']);
      stores = createMediaStores({
        ...s3.settings,
        MEDIA_ROOT: 's3://media/hot',
        MEDIA_COLD_ROOT: 's3://archive/cold',
      });
      clips = await clipDir();
      h = await startHarness(() => clock, testMedia(clips.dir, { stores, playbackTtlSeconds: 365 * 86_400 }));
      origin = new URL(h.subgraph.url).origin;
    });
    after(async () => {
      await h?.close();
      await clips?.cleanup();
      await s3?.close();
    });

    it('resumes an upload cut halfway and stores the original in the bucket', async () => {
      const sacrificeId = newId();
      await h.allocate(sacrificeId, [donor.id], butcher.id);
      videoId = (await h.call(butcher, REQUEST, { s: sacrificeId })).data.requestVideoUpload.id;
      const clip = await makeClip(join(clips.dir, 'clip.mp4'), { seconds: 2 });
      const bytes = await readFile(clip);
      const sha256 = await sha256File(clip);
      const created = await tus.create(origin, butcher, {
        videoId,
        contentType: 'video/mp4',
        size: bytes.length,
        sha256,
      });
      const url = new URL(created.headers.get('location')!, origin).toString();
      const half = Math.floor(bytes.length / 2);
      assert.equal(await cutUpload(url, butcher, bytes, half), half);
      const done = await tus.patch(url, butcher, half, bytes.subarray(half));
      assert.equal(done.status, 204, await done.text());
      const stored = await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: videoId });
      assert.equal(stored.status, VideoStatus.UPLOADED);
      const original = await stores.hot.stat(stored.storageKey!);
      assert.equal(original?.size, bytes.length);
      assert.equal(stores.hot.localPath(stored.storageKey!), null);
    });

    it('renders into the bucket and plays back from it, cacheable under the signed path', async () => {
      await eventually(
        async () =>
          (await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: videoId })).renditionsReadyAt ?? undefined,
        60_000,
        200,
      );
      await new VideoService(() => clock).recordVerdict(h.subgraph.orm.em.fork(), videoId, {
        outcome: 'VALIDATED',
        sceneCheck: CheckResult.PASS,
        nameCheck: CheckResult.PASS,
      });
      assert.ok((await objects('hot')) > 5);
      const { hlsUrl, fileUrl } = (await h.call(donor, PLAYBACK, { id: videoId })).data.video.playback;
      const master = await get(hlsUrl);
      assert.equal(master.status, 200);
      assert.match(master.headers.get('cache-control')!, /^public, max-age=\d+, immutable$/);
      const rung = (await master.text()).split('\n').find((l) => l.endsWith('.m3u8'))!;
      const playlist = await get(new URL(rung, new URL(hlsUrl, origin)).pathname);
      const segment = (await playlist.text()).split('\n').find((l) => l.endsWith('.ts'))!;
      const ts = await get(new URL(segment, new URL(rung, new URL(hlsUrl, origin))).pathname);
      assert.equal(ts.status, 200);
      assert.equal(ts.headers.get('content-type'), 'video/mp2t');
      const whole = Buffer.from(await (await get(fileUrl)).arrayBuffer());
      const part = await get(fileUrl, { range: 'bytes=100-199' });
      assert.equal(part.status, 206);
      assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(100, 200));
    });

    it('moves every object to the cold bucket, and back on restore', async () => {
      const hot = await objects('hot');
      clock = new Date(start.getTime() + 91 * DAY);
      const swept = await h.call(organizer, `mutation { archiveOldVideos }`);
      assert.equal(swept.data?.archiveOldVideos, 1, JSON.stringify(swept.errors));
      assert.equal(await objects('hot'), 0);
      assert.equal(await objects('cold'), hot);
      assert.equal((await h.call(donor, PLAYBACK, { id: videoId })).data.video.playback.status, 'ARCHIVED');
      const restored = await h.call(organizer, `mutation($v: ID!) { restoreVideo(videoId: $v) { archivedAt } }`, {
        v: videoId,
      });
      assert.equal(restored.errors, undefined, JSON.stringify(restored.errors));
      assert.equal(await objects('cold'), 0);
      assert.equal(await objects('hot'), hot);
      assert.equal(
        (await get((await h.call(donor, PLAYBACK, { id: videoId })).data.video.playback.hlsUrl)).status,
        200,
      );
    });
  });
