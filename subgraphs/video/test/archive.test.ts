import { Role, newId } from '@qurbani/kit';
import { clipDir, eventually, makeClip, sha256File } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CheckResult, VideoService, VideoStatus } from '../src/app.js';
import { Video } from '../src/video/video.entity.js';
import { asViewer, testMedia, tusUpload } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const DAY = 86_400_000;
const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;
const SWEEP = `mutation { archiveOldVideos }`;
const RESTORE = `mutation($v: ID!) { restoreVideo(videoId: $v) { id archivedAt } }`;
const PLAYBACK = `query($id: ID!) { video(id: $id) { archivedAt playback { status hlsUrl } } }`;

describe('archiving old videos', () => {
  const start = new Date();
  let clock = start;
  const [butcher, donor, organizer] = [person(Role.EXECUTOR), person(Role.DONOR), person(Role.ORGANIZER)];
  let h: Harness;
  let clips: { dir: string; cleanup(): Promise<void> };
  let videoId: string;
  let oldLink: string;

  const files = async (tier: 'hot' | 'cold') =>
    (await readdir(join(clips.dir, tier, 'videos', videoId), { recursive: true }).catch(() => [])).length;
  const at = (days: number) => {
    clock = new Date(start.getTime() + days * DAY);
  };
  const sweep = async () => {
    const res = await h.call(organizer, SWEEP);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.archiveOldVideos;
  };

  before(async () => {
    clips = await clipDir();
    h = await startHarness(
      () => clock,
      testMedia(clips.dir, { archiveAfterDays: 90, restoredKeepDays: 7, playbackTtlSeconds: 365 * 86_400 }),
    );
    const origin = new URL(h.subgraph.url).origin;
    const sacrificeId = newId();
    await h.allocate(sacrificeId, [donor.id], butcher.id);
    videoId = (await h.call(butcher, REQUEST, { s: sacrificeId })).data.requestVideoUpload.id;
    const clip = await makeClip(join(clips.dir, 'clip.mp4'), { seconds: 2 });
    assert.equal((await tusUpload(origin, butcher, videoId, clip, await sha256File(clip))).status, 204);
    await eventually(
      async () => (await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: videoId })).renditionsReadyAt ?? undefined,
      60_000,
      200,
    );
    await new VideoService(() => clock).recordVerdict(h.subgraph.orm.em.fork(), videoId, {
      outcome: 'VALIDATED',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.PASS,
    });
    // A video never uploaded has nothing to archive, however old.
    const other = newId();
    await h.allocate(other, [donor.id], butcher.id);
    await h.call(butcher, REQUEST, { s: other });
    oldLink = new URL((await h.call(donor, PLAYBACK, { id: videoId })).data.video.playback.hlsUrl, origin).toString();
  });
  after(async () => {
    await h.close();
    await clips.cleanup();
  });

  it('keeps videos hot for the configured number of days', async () => {
    at(89);
    assert.equal(await sweep(), 0);
    assert.ok((await files('hot')) > 5);
    assert.equal(await files('cold'), 0);
  });

  it('moves every file of an older video to cold storage; playback says so', async () => {
    at(91);
    const hotBefore = await files('hot');
    assert.equal(await sweep(), 1);
    assert.equal(await files('hot'), 0);
    assert.equal(await files('cold'), hotBefore);
    const seen = (await h.call(donor, PLAYBACK, { id: videoId })).data.video;
    assert.equal(new Date(seen.archivedAt).getTime(), clock.getTime());
    assert.deepEqual(seen.playback, { status: 'ARCHIVED', hlsUrl: null });
    assert.equal((await fetch(oldLink, { headers: asViewer(null) })).status, 404);
    assert.equal(await sweep(), 0);
  });

  it('lets organizers restore an archived video, which then stays hot for a while', async () => {
    assert.equal((await h.call(donor, RESTORE, { v: videoId })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const res = await h.call(organizer, RESTORE, { v: videoId });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data.restoreVideo.archivedAt, null);
    assert.equal(await files('cold'), 0);
    assert.ok((await files('hot')) > 5);
    const seen = (await h.call(donor, PLAYBACK, { id: videoId })).data.video;
    assert.equal(seen.playback.status, 'READY');
    assert.equal((await fetch(oldLink, { headers: asViewer(null) })).status, 200);
    assert.equal((await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: videoId })).status, VideoStatus.VALIDATED);

    at(95);
    assert.equal(await sweep(), 0);
    at(99);
    assert.equal(await sweep(), 1);
  });
});
