import { OutboxMessage, Subject } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { clipDir, eventually, makeClip, probeStreams, sha256File, truncateCopy } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { VideoStatus } from '../src/app.js';
import { Video } from '../src/video/video.entity.js';
import { testMedia, tusUpload } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;
const VIDEO = `query($id: ID!) { video(id: $id) { status failureReason durationSeconds } }`;

describe('preprocessing an uploaded video', () => {
  const [butcher, donor] = [person(Role.EXECUTOR), person(Role.DONOR)];
  let h: Harness;
  let origin: string;
  let clips: { dir: string; cleanup(): Promise<void> };
  const hot = (key: string) => join(clips.dir, 'hot', key);

  /** Requests an upload, sends `path` and waits until the worker has moved the video on. */
  async function uploaded(path: string, contentType = 'video/mp4'): Promise<Video> {
    const sacrificeId = newId();
    await h.allocate(sacrificeId, [donor.id], butcher.id);
    const id = (await h.call(butcher, REQUEST, { s: sacrificeId })).data.requestVideoUpload.id;
    const res = await tusUpload(origin, butcher, id, path, await sha256File(path), contentType);
    assert.equal(res.status, 204, await res.text());
    return eventually(
      async () => {
        const video = await h.subgraph.orm.em.fork().findOneOrFail(Video, { id });
        return video.status !== VideoStatus.UPLOADED && video;
      },
      30_000,
      100,
    );
  }

  before(async () => {
    clips = await clipDir();
    h = await startHarness(undefined, testMedia(clips.dir));
    origin = new URL(h.subgraph.url).origin;
  });
  after(async () => {
    await h.close();
    await clips.cleanup();
  });

  it('extracts the sound for the AI, announces it, then makes the ladder and a blurred copy that keeps the sound', async () => {
    const clip = await makeClip(join(clips.dir, 'wide.mp4'), { seconds: 3, size: '854x480' });
    const video = await uploaded(clip);
    assert.equal(video.status, VideoStatus.PROCESSING);
    assert.equal(video.durationSeconds, 3);
    assert.deepEqual(
      (await probeStreams(hot(video.audioKey!))).map((s) => [s.codec_type, s.sample_rate, s.channels]),
      [['audio', '16000', 1]],
    );
    const events = await h.subgraph.orm.em.fork().find(OutboxMessage, { subject: Subject.VideoUploadedPreprocessed });
    const payload = events.map((e) => e.payload as Record<string, unknown>).find((p) => p.videoId === video.id)!;
    assert.deepEqual(
      { ...payload, durationSeconds: Math.round(payload.durationSeconds as number) },
      {
        videoId: video.id,
        sacrificeId: video.sacrificeId,
        storageKey: video.storageKey,
        audioKey: `videos/${video.id}/audio.wav`,
        durationSeconds: 3,
      },
    );

    const done = await eventually(
      async () => {
        const v = await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: video.id });
        return v.renditionsReadyAt || v.renditionsError ? v : undefined;
      },
      60_000,
      200,
    );
    assert.equal(done.renditionsError, null);
    // 480p source: 240p and 480p, never an upscaled 720p.
    const master = await readFile(hot(`videos/${video.id}/original/hls/master.m3u8`), 'utf8');
    assert.deepEqual(
      [...master.matchAll(/RESOLUTION=(\d+x\d+)/g)].map((m) => m[1]),
      ['428x240', '854x480'],
    );
    assert.deepEqual(done.mediaInfo?.ladder, [240, 480]);
    const segments = await readFile(hot(`videos/${video.id}/original/hls/480p/index.m3u8`), 'utf8');
    assert.match(segments, /seg_000\.ts/);
    assert.ok((await stat(hot(`videos/${video.id}/blurred/hls/master.m3u8`))).size > 0);
    assert.ok((await stat(hot(`videos/${video.id}/blurred/thumb.jpg`))).size > 0);
    assert.ok((await stat(hot(`videos/${video.id}/original/thumb.jpg`))).size > 0);
    // The names are in the sound: the blurred copy must keep it.
    assert.equal(done.blurredStorageKey, `videos/${video.id}/blurred/video.mp4`);
    const blurred = await probeStreams(hot(done.blurredStorageKey!));
    assert.deepEqual(blurred.map((s) => s.codec_type).sort(), ['audio', 'video']);
    // The status the AI pipeline owns is left alone.
    assert.equal(done.status, VideoStatus.PROCESSING);
  });

  it('keeps a portrait video upright and never enlarges it', async () => {
    const clip = await makeClip(join(clips.dir, 'portrait.mp4'), { seconds: 2, size: '360x640' });
    const video = await uploaded(clip);
    const done = await eventually(
      async () => {
        const v = await h.subgraph.orm.em.fork().findOneOrFail(Video, { id: video.id });
        return v.renditionsReadyAt ? v : undefined;
      },
      60_000,
      200,
    );
    assert.deepEqual(done.mediaInfo?.ladder, [240]);
    const master = await readFile(hot(`videos/${video.id}/original/hls/master.m3u8`), 'utf8');
    assert.deepEqual(
      [...master.matchAll(/RESOLUTION=(\d+x\d+)/g)].map((m) => m[1]),
      ['240x426'],
    );
  });

  it('refuses a truncated upload with a reason the executor sees, and tells the executor', async () => {
    const clip = await makeClip(join(clips.dir, 'full.mp4'), { seconds: 3 });
    const cut = await truncateCopy(clip, join(clips.dir, 'cut.mp4'), 0.4);
    const video = await uploaded(cut);
    assert.equal(video.status, VideoStatus.FAILED);
    const seen = (await h.call(butcher, VIDEO, { id: video.id })).data.video;
    assert.equal(seen.status, VideoStatus.FAILED);
    assert.match(seen.failureReason, /The file is incomplete: it stops after \d+\.\d s of 3\.0 s/);
    const notices = await h.subgraph.orm.em.fork().find(OutboxMessage, { subject: Subject.NotificationSend });
    const notice = notices.map((n) => n.payload as any).find((p) => p.params.videoId === video.id);
    assert.equal(notice.recipientAccountId, butcher.id);
    assert.equal(notice.kind, 'VIDEO_UPLOAD_REJECTED');
    // A failed attempt opens the way to a new recording.
    assert.equal((await h.call(butcher, REQUEST, { s: video.sacrificeId })).errors, undefined);
  });

  it('refuses a file whose index was cut off as damaged', async () => {
    const clip = await makeClip(join(clips.dir, 'tail-index.mp4'), { seconds: 2, faststart: false });
    const video = await uploaded(await truncateCopy(clip, join(clips.dir, 'no-index.mp4'), 0.5));
    assert.equal(video.status, VideoStatus.FAILED);
    assert.match(video.failureReason!, /could not be read as a video: it is damaged or incomplete/);
  });

  it('refuses a sound file sent as a video, and a video without sound', async () => {
    const wav = join(clips.dir, 'speech.wav');
    await promisify(execFile)('espeak-ng', ['-w', wav, 'Bismillah, Allahu akbar']);
    const notVideo = await uploaded(wav);
    assert.equal(notVideo.status, VideoStatus.FAILED);
    assert.match(notVideo.failureReason!, /no picture: it is not a video/);
    const silent = await uploaded(await makeClip(join(clips.dir, 'silent.mp4'), { seconds: 2, silent: true }));
    assert.equal(silent.status, VideoStatus.FAILED);
    assert.match(silent.failureReason!, /no sound, so the names cannot be heard/);
  });
});
