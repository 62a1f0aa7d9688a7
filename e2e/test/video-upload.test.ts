import { clipDir, eventually, makeClip, probeStreams, sha256File, truncateCopy } from '@qurbani/kit/testing';
import {
  ArchiveOldVideosDocument,
  AssignByQuotaDocument,
  ResumableVideoUpload,
  RestoreVideoDocument,
  StartProofVideoDocument,
  UploadError,
  uploadVideoMultipart,
  VideoPlaybackDocument,
  VideoUploadStateDocument,
} from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { afterPreprocessing, mediaDirs, patchThenDrop, whenPlayable } from './support/video-media.js';
import { workAt } from './support/staff.js';

describe('proof-video files through the gateway: resumable upload, preprocessing, playback, archive', () => {
  let system: System;
  let organizer: Actor;
  let executor: Actor;
  let donor: Actor;
  let origin: string;
  let media: Awaited<ReturnType<typeof mediaDirs>>;
  let clips: Awaited<ReturnType<typeof clipDir>>;
  let clip: string;
  let sacrifices: string[];
  let goodVideoId: string;
  const refusedVideoIds: string[] = [];

  const resumable = (
    videoId: string,
    file: { size: number; sha256: string },
    token = executor.token,
    contentType = 'video/mp4',
  ) => new ResumableVideoUpload({ origin, accessToken: token, videoId, contentType, ...file });
  const startVideo = async (sacrificeId: string) =>
    (await eventually(() =>
      executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
    ))!.requestVideoUpload.id;
  const fetchMedia = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, origin), { headers });

  before(async () => {
    media = await mediaDirs();
    clips = await clipDir();
    system = await startSystem({ overrides: { video: { media: media.media } } });
    origin = new URL(system.gateway.url).origin;
    organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Bilal the butcher');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', 2);
    donor = await registerDonor(system, 'Amina');
    await placeOrder(donor, 'SHEEP', ['Amina Rahman']);
    await placeOrder(donor, 'SHEEP', ['Yusuf Rahman']);
    await allocateAll(system, organizer, seasonId, 2);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: 10 });
    const { sacrifice } = system.subgraphs;
    const rows = await sacrifice!.orm.em
      .getConnection()
      .execute<{ id: string }[]>('select id from sacrifice order by id');
    sacrifices = rows.map((r) => r.id);
    clip = await makeClip(join(clips.dir, 'proof.mp4'), {
      seconds: 3,
      size: '640x360',
      speech: 'Bismillah. Allahu akbar. On behalf of Amina Rahman.',
    });
  });
  after(async () => {
    await system?.close();
    await clips?.cleanup();
    await media?.cleanup();
  });

  it('resumes an upload cut halfway at the offset the server reports, and checks the whole file', async () => {
    goodVideoId = await startVideo(sacrifices[0]!);
    const bytes = await readFile(clip);
    const upload = resumable(goodVideoId, { size: bytes.length, sha256: await sha256File(clip) });
    await upload.create();
    assert.match(upload.url!, new RegExp(`^${origin}/uploads/videos/`));
    const half = Math.floor(bytes.length / 2);
    await patchThenDrop(upload, executor.token, bytes, half);
    const offset = await upload.offset();
    assert.equal(offset, half);
    const done = await upload.patch(offset, bytes.subarray(offset));
    assert.deepEqual(done, { offset: bytes.length, videoStatus: 'UPLOADED' });
  });

  it('lets only the signed-in assigned executor upload', async () => {
    const file = { size: 100, sha256: 'a'.repeat(64) };
    await assert.rejects(resumable(goodVideoId, file, 'not-a-token').create(), (e: UploadError) => e.status === 401);
    await assert.rejects(resumable(goodVideoId, file, donor.token).create(), (e: UploadError) => e.status === 403);
    const anonymous = await fetch(`${origin}/uploads/videos`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '100' },
    });
    assert.equal(anonymous.status, 401);
    // The upload is complete: no second file for the same attempt.
    await assert.rejects(resumable(goodVideoId, file).create(), (e: UploadError) => e.status === 409);
  });

  it('makes the donor a blurred copy that keeps the sound, served with expiring links and byte ranges', async () => {
    const processed = await afterPreprocessing(executor, goodVideoId);
    assert.equal(processed.status, 'PROCESSING');
    assert.equal(processed.durationSeconds, 3);
    const playback = await whenPlayable(donor, goodVideoId);
    assert.equal(playback.blurred, true);
    const blurred = await fetchMedia(playback.fileUrl!);
    assert.equal(blurred.status, 200);
    const blurredPath = join(clips.dir, 'blurred.mp4');
    await writeFile(blurredPath, Buffer.from(await blurred.arrayBuffer()));
    assert.deepEqual((await probeStreams(blurredPath)).map((s) => s.codec_type).sort(), ['audio', 'video']);
    const master = await (await fetchMedia(playback.hlsUrl!)).text();
    assert.match(master, /240p\/index\.m3u8/);
    assert.doesNotMatch(master, /480p|720p/); // a 360p source is never enlarged, and the blurred ladder stops at 480p
    const size = Number(blurred.headers.get('content-length'));
    const range = await fetchMedia(playback.fileUrl!, { range: 'bytes=10-19' });
    assert.equal(range.status, 206);
    assert.equal(range.headers.get('content-range'), `bytes 10-19/${size}`);
    assert.equal((await range.arrayBuffer()).byteLength, 10);

    system.now.value = new Date(Date.now() + 2 * 3600_000);
    try {
      const expired = await fetchMedia(playback.hlsUrl!);
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /expired/);
    } finally {
      system.now.value = null;
    }
  });

  it('gives the original on request, byte for byte', async () => {
    const original = await whenPlayable(donor, goodVideoId, true);
    assert.equal(original.blurred, false);
    assert.deepEqual(Buffer.from(await (await fetchMedia(original.fileUrl!)).arrayBuffer()), await readFile(clip));
    assert.match(await (await fetchMedia(original.hlsUrl!)).text(), /240p\/index\.m3u8/);
  });

  it('refuses a truncated file and a file that is not a video, with reasons the executor reads', async () => {
    const truncated = await truncateCopy(clip, join(clips.dir, 'truncated.mp4'), 0.4);
    const first = await startVideo(sacrifices[1]!);
    const up1 = resumable(first, { size: (await readFile(truncated)).length, sha256: await sha256File(truncated) });
    await up1.create();
    await up1.patch(0, await readFile(truncated));
    const refused = await afterPreprocessing(executor, first);
    assert.equal(refused.status, 'FAILED');
    assert.match(refused.failureReason!, /The file is incomplete: it stops after/);
    refusedVideoIds.push(first);

    const wav = join(clips.dir, 'names.wav');
    await promisify(execFile)('espeak-ng', ['-w', wav, 'Amina Rahman']);
    const second = await startVideo(sacrifices[1]!);
    const up2 = resumable(second, { size: (await readFile(wav)).length, sha256: await sha256File(wav) });
    await up2.create();
    await up2.patch(0, await readFile(wav));
    const notVideo = await afterPreprocessing(executor, second);
    assert.equal(notVideo.status, 'FAILED');
    assert.match(notVideo.failureReason!, /no picture: it is not a video/);
    refusedVideoIds.push(second);
  });

  it('accepts a small file in one GraphQL multipart request, piped to the video service', async () => {
    const small = await makeClip(join(clips.dir, 'small.mp4'), { seconds: 2 });
    const third = await startVideo(sacrifices[1]!);
    const file = new Blob([await readFile(small)], { type: 'video/mp4' });
    const sha256 = await sha256File(small);
    const res = await uploadVideoMultipart(system.gateway.url, executor.token, { videoId: third, file, sha256 });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data?.uploadVideo.status, 'UPLOADED');
    // Multipart without the CSRF header is refused before the body is read.
    const form = new FormData();
    form.append('operations', '{}');
    const csrf = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${executor.token}` },
      body: form,
    });
    assert.equal(csrf.status, 400);
    assert.equal((await afterPreprocessing(executor, third)).status, 'PROCESSING');
  });

  it('archives videos past the retention to cold storage, and lets an organizer restore one', async () => {
    const coldFiles = async () =>
      (await readdir(join(media.dir, 'cold'), { recursive: true }).catch(() => [])).filter((f) =>
        String(f).endsWith('source.mp4'),
      );
    system.now.value = new Date(Date.now() + 91 * 86_400_000);
    try {
      // Refused attempts have a verdict-free end state; the others are still waiting for the AI.
      const { archiveOldVideos } = await organizer.client.request(ArchiveOldVideosDocument);
      assert.equal(archiveOldVideos, 2);
      assert.equal((await coldFiles()).length, 2);
      const archived = await executor.client.request(VideoPlaybackDocument, { id: refusedVideoIds[0]! });
      assert.ok(archived.video.archivedAt);
      assert.equal(archived.video.playback?.status, 'ARCHIVED');
      assert.equal(
        (await donor.client.execute(RestoreVideoDocument, { videoId: refusedVideoIds[0]! })).errors?.[0]?.extensions
          ?.code,
        'FORBIDDEN',
      );
      const { restoreVideo } = await organizer.client.request(RestoreVideoDocument, { videoId: refusedVideoIds[0]! });
      assert.equal(restoreVideo.archivedAt, null);
      assert.equal((await coldFiles()).length, 1);
      assert.equal(
        (await executor.client.request(VideoUploadStateDocument, { id: refusedVideoIds[0]! })).video.status,
        'FAILED',
      );
      // The video still in the pipeline kept its files.
      assert.equal((await whenPlayable(donor, goodVideoId)).status, 'READY');
    } finally {
      system.now.value = null;
    }
  });
});
