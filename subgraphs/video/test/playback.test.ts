import { newId, Role } from '@qurbani/kit';
import { clipDir, eventually, makeClip, sha256File } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Video } from '../src/video/video.entity.js';
import { asViewer, testMedia, tusUpload } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;
const PLAYBACK = `query($id: ID!, $o: Boolean) { video(id: $id) { playback(original: $o) { blurred status hlsUrl fileUrl thumbnailUrl expiresAt } } }`;

describe('watching a proof video', () => {
  const [butcher, donor, stranger] = [person(Role.EXECUTOR), person(Role.DONOR), person(Role.DONOR)];
  let clock = new Date();
  let h: Harness;
  let origin: string;
  let clips: { dir: string; cleanup(): Promise<void> };
  let clip: string;
  let videoId: string;
  let sacrificeId: string;

  /** GETs a playback path through the subgraph as the gateway forwards it (anonymous viewer). */
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new URL(path, origin), { method, headers: { ...asViewer(null), ...headers } });
  const playback = async (viewer = donor, original?: boolean) => {
    const res = await h.call(viewer, PLAYBACK, { id: videoId, o: original });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.video.playback;
  };

  before(async () => {
    clips = await clipDir();
    clip = await makeClip(join(clips.dir, 'clip.mp4'), { seconds: 2 });
    h = await startHarness(() => clock, testMedia(clips.dir, { playbackTtlSeconds: 600 }));
    origin = new URL(h.subgraph.url).origin;
    sacrificeId = newId();
    await h.allocate(sacrificeId, [donor.id], butcher.id);
    videoId = (await h.call(butcher, REQUEST, { s: sacrificeId })).data.requestVideoUpload.id;
    assert.equal((await playback()).status, 'UNAVAILABLE');
    assert.equal((await tusUpload(origin, butcher, videoId, clip, await sha256File(clip))).status, 204);
    await eventually(
      async () => (await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: videoId })).renditionsReadyAt ?? undefined,
      60_000,
      200,
    );
  });
  after(async () => {
    await h.close();
    await clips.cleanup();
  });

  it('gives donors the blurred copy by default, as expiring links on the same origin', async () => {
    const p = await playback();
    assert.equal(p.blurred, true);
    assert.equal(p.status, 'READY');
    assert.match(p.hlsUrl, new RegExp(`^/media/${videoId}/blurred/\\d+/[\\w-]+/hls/master\\.m3u8$`));
    assert.equal(new Date(p.expiresAt).getTime(), Math.floor(clock.getTime() / 1000) * 1000 + 600_000);
    const master = await get(p.hlsUrl);
    assert.equal(master.status, 200);
    assert.equal(master.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    // Relative paths inside the playlists resolve under the same signature.
    const rung = (await master.text()).split('\n').find((l) => l.endsWith('.m3u8'))!;
    const playlist = await get(new URL(rung, new URL(p.hlsUrl, origin)).pathname);
    assert.equal(playlist.status, 200);
    const segment = (await playlist.text()).split('\n').find((l) => l.endsWith('.ts'))!;
    const ts = await get(new URL(segment, new URL(rung, new URL(p.hlsUrl, origin))).pathname);
    assert.equal(ts.status, 200);
    assert.equal(ts.headers.get('content-type'), 'video/mp2t');
    // A CDN may keep segments and playlists until the signed link expires.
    assert.equal(ts.headers.get('cache-control'), 'public, max-age=600, immutable');
    assert.equal((await get(p.thumbnailUrl)).headers.get('content-type'), 'image/jpeg');
  });

  it('serves byte ranges for seeking and resuming', async () => {
    const { fileUrl } = await playback();
    const whole = await get(fileUrl);
    const size = Number(whole.headers.get('content-length'));
    const body = Buffer.from(await whole.arrayBuffer());
    assert.equal(body.length, size);
    const part = await get(fileUrl, { range: 'bytes=100-199' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${size}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), body.subarray(100, 200));
    const tail = await get(fileUrl, { range: 'bytes=-10' });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), body.subarray(size - 10));
    const open = await get(fileUrl, { range: `bytes=${size - 5}-` });
    assert.equal(open.headers.get('content-range'), `bytes ${size - 5}-${size - 1}/${size}`);
    const beyond = await get(fileUrl, { range: `bytes=${size}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${size}`);
    const head = await get(fileUrl, {}, 'HEAD');
    assert.equal(head.headers.get('accept-ranges'), 'bytes');
    assert.equal(Number(head.headers.get('content-length')), size);
  });

  it('gives the original when asked, byte for byte', async () => {
    const p = await playback(donor, true);
    assert.equal(p.blurred, false);
    assert.match(p.fileUrl, /\/original\/.*\/source\.mp4$/);
    assert.deepEqual(Buffer.from(await (await get(p.fileUrl)).arrayBuffer()), await readFile(clip));
    assert.equal((await get(p.hlsUrl)).status, 200);
  });

  it('refuses tampered, borrowed and expired links, and callers other than the gateway', async () => {
    const { hlsUrl } = await playback();
    const [, , , , exp, sig] = hlsUrl.split('/');
    assert.equal(
      (
        await get(
          hlsUrl.replace(
            sig,
            sig.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')),
          ),
        )
      ).status,
      403,
    );
    // A blurred link does not open the original folder.
    assert.equal((await get(hlsUrl.replace('/blurred/', '/original/'))).status, 403);
    assert.equal((await get(hlsUrl.replace(exp, String(Number(exp) + 3600)))).status, 403);
    assert.equal((await fetch(new URL(hlsUrl, origin))).status, 401);
    assert.equal((await get(hlsUrl.replace('master.m3u8', '..%2F..%2Foriginal%2Fsource.mp4'))).status, 404);
    clock = new Date(clock.getTime() + 601_000);
    const expired = await get(hlsUrl);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /expired/);
    // A fresh link works again.
    assert.equal((await get((await playback()).hlsUrl)).status, 200);
  });

  it("gives links only to the sacrifice's donors, its executor and staff", async () => {
    assert.equal((await h.call(stranger, PLAYBACK, { id: videoId })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    // Reached through the sacrifice stub (the gateway may not ask the sacrifice subgraph), the video
    // policy still applies: a stranger gets no video, so no link.
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice { video { id playback { hlsUrl } } } } }`;
    const r = [{ __typename: 'Sacrifice', id: sacrificeId }];
    assert.equal((await h.call(stranger, q, { r })).data._entities[0].video, null);
    assert.ok((await h.call(donor, q, { r })).data._entities[0].video.playback.hlsUrl);
    assert.ok((await playback(butcher, true)).fileUrl);
  });
});
