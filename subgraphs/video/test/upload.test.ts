import { newId, Role } from '@qurbani/kit';
import { clipDir, makeClip, sha256File } from '@qurbani/kit/testing';
import { OutboxMessage, Subject } from '@qurbani/events';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VideoStatus } from '../src/app.js';
import { Video } from '../src/video/video.entity.js';
import { asViewer, cutUpload, testMedia, tus, tusUpload } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;

describe('uploading a proof video', () => {
  const [butcher, otherButcher, donor] = [person(Role.EXECUTOR), person(Role.EXECUTOR), person(Role.DONOR)];
  let h: Harness;
  let origin: string;
  let clips: { dir: string; cleanup(): Promise<void> };
  let clip: string;
  let clipSha: string;

  /** A fresh sacrifice assigned to the butcher, with its upload requested. */
  async function openVideo(): Promise<string> {
    const sacrificeId = newId();
    await h.allocate(sacrificeId, [donor.id], butcher.id);
    const res = await h.call(butcher, REQUEST, { s: sacrificeId });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.requestVideoUpload.id;
  }
  const video = (id: string) => h.subgraph.orm.em.fork().findOneOrFail(Video, { id });

  before(async () => {
    clips = await clipDir();
    clip = await makeClip(join(clips.dir, 'clip.mp4'), { seconds: 2 });
    clipSha = await sha256File(clip);
    // Preprocessing is tested on its own: here it would only compete for the CPU.
    h = await startHarness(
      undefined,
      testMedia(clips.dir, { inlineWorker: false, maxUploadBytes: 5 * 1024 * 1024, maxMultipartBytes: 1024 * 1024 }),
    );
    origin = new URL(h.subgraph.url).origin;
  });
  after(async () => {
    await h.close();
    await clips.cleanup();
  });

  it('stores a chunked upload whose checksum matches, and queues video.initial-upload', async () => {
    const id = await openVideo();
    const res = await tusUpload(origin, butcher, id, clip, clipSha);
    assert.equal(res.status, 204, await res.text());
    assert.equal(res.headers.get('video-status'), VideoStatus.UPLOADED);
    const stored = await video(id);
    assert.equal(stored.status, VideoStatus.UPLOADED);
    assert.equal(stored.storageKey, `videos/${id}/original/source.mp4`);
    assert.equal(stored.sha256, clipSha);
    assert.deepEqual(await readFile(join(clips.dir, 'hot', stored.storageKey!)), await readFile(clip));
    const events = await h.subgraph.orm.em.fork().find(OutboxMessage, { subject: Subject.VideoInitialUpload });
    assert.deepEqual(
      events.map((e) => e.payload).filter((p: any) => p.videoId === id),
      [
        {
          videoId: id,
          sacrificeId: stored.sacrificeId,
          storageKey: stored.storageKey,
          sha256: clipSha,
          sizeBytes: stored.sizeBytes,
        },
      ],
    );
  });

  it('resumes an upload cut halfway from the offset the server reports', async () => {
    const id = await openVideo();
    const bytes = await readFile(clip);
    const created = await tus.create(origin, butcher, {
      videoId: id,
      contentType: 'video/mp4',
      size: bytes.length,
      sha256: clipSha,
    });
    const url = new URL(created.headers.get('location')!, origin).toString();
    const half = Math.floor(bytes.length / 2);
    // Send half the file in a PATCH that declares the whole rest, then drop the connection.
    const offset = await cutUpload(url, butcher, bytes, half);
    assert.equal(offset, half);
    // A chunk at the wrong offset is refused without touching the upload.
    assert.equal((await tus.patch(url, butcher, 0, bytes.subarray(0, 10))).status, 409);
    const done = await tus.patch(url, butcher, offset, bytes.subarray(offset));
    assert.equal(done.status, 204, await done.text());
    const stored = await video(id);
    assert.equal(stored.status, VideoStatus.UPLOADED);
    assert.equal(stored.sha256, clipSha);
  });

  it('refuses a file whose bytes do not match the declared checksum, and forgets it', async () => {
    const id = await openVideo();
    const res = await tusUpload(origin, butcher, id, clip, 'ab'.repeat(32));
    assert.equal(res.status, 460);
    assert.match(await res.text(), /Checksum mismatch/);
    assert.equal((await video(id)).status, VideoStatus.AWAITING_UPLOAD);
    // The executor can start again with the right checksum.
    assert.equal((await tusUpload(origin, butcher, id, clip, clipSha)).status, 204);
  });

  it('lets only the assigned executor upload, and only while the video awaits its file', async () => {
    const id = await openVideo();
    const declared = { videoId: id, contentType: 'video/mp4', size: 1000, sha256: clipSha };
    assert.equal((await tus.create(origin, otherButcher, declared)).status, 404);
    assert.equal((await tus.create(origin, donor, declared)).status, 403);
    assert.equal((await tus.create(origin, null, declared)).status, 401);
    // Without the gateway's viewer token nothing is accepted.
    const direct = await fetch(`${origin}/uploads/videos`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' },
    });
    assert.equal(direct.status, 401);
    const created = await tus.create(origin, butcher, declared);
    assert.equal(created.status, 201);
    const url = new URL(created.headers.get('location')!, origin).toString();
    assert.equal((await tus.patch(url, otherButcher, 0, new Uint8Array(10))).status, 404);
    assert.equal((await tusUpload(origin, butcher, id, clip, clipSha)).status, 204);
    assert.equal((await tus.create(origin, butcher, declared)).status, 409);
  });

  it('refuses types that are not video, sizes over the limit and bad checksums before any byte', async () => {
    const id = await openVideo();
    const base = { videoId: id, contentType: 'video/mp4', size: 1000, sha256: clipSha };
    const pdf = await tus.create(origin, butcher, { ...base, contentType: 'application/pdf' });
    assert.equal(pdf.status, 415);
    assert.match(await pdf.text(), /not accepted; send one of video\/mp4/);
    assert.equal((await tus.create(origin, butcher, { ...base, size: 6 * 1024 * 1024 })).status, 413);
    assert.equal((await tus.create(origin, butcher, { ...base, sha256: 'nope' })).status, 400);
    assert.equal((await tus.create(origin, butcher, { ...base, videoId: 'x' })).status, 400);
  });

  describe('in one GraphQL multipart request', () => {
    const UPLOAD =
      'mutation($v: ID!, $f: Upload!, $s: String!) { uploadVideo(videoId: $v, file: $f, sha256: $s) { id status uploadedAt } }';
    const multipart = (
      viewer: typeof butcher,
      query: string,
      variables: Record<string, unknown>,
      file: Buffer,
      type = 'video/mp4',
      headers: Record<string, string> = { 'apollo-require-preflight': 'true' },
    ) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query, variables: { ...variables, f: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.f'] }));
      form.append('0', new Blob([file], { type }), 'clip.mp4');
      return fetch(h.subgraph.url, { method: 'POST', headers: { ...asViewer(viewer), ...headers }, body: form }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as any }),
      );
    };

    it('stores a small file sent with the mutation', async () => {
      const id = await openVideo();
      const res = await multipart(butcher, UPLOAD, { v: id, s: clipSha }, await readFile(clip));
      assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
      assert.equal(res.body.data.uploadVideo.status, VideoStatus.UPLOADED);
      assert.equal((await video(id)).sha256, clipSha);
    });

    it('refuses a wrong checksum, a wrong type, a file over the limit and another executor', async () => {
      const id = await openVideo();
      const bytes = await readFile(clip);
      const wrong = await multipart(butcher, UPLOAD, { v: id, s: 'cd'.repeat(32) }, bytes);
      assert.equal(wrong.body.errors[0].extensions.code, 'BAD_USER_INPUT');
      assert.match(wrong.body.errors[0].message, /Checksum mismatch/);
      const text = await multipart(butcher, UPLOAD, { v: id, s: clipSha }, bytes, 'text/plain');
      assert.match(text.body.errors[0].message, /text\/plain are not accepted/);
      const big = await multipart(butcher, UPLOAD, { v: id, s: clipSha }, Buffer.alloc(2 * 1024 * 1024), 'video/mp4');
      assert.match(big.body.errors[0].message, /larger than the 1 MiB allowed/);
      assert.equal(
        (await multipart(otherButcher, UPLOAD, { v: id, s: clipSha }, bytes)).body.errors[0].extensions.code,
        'NOT_FOUND',
      );
      assert.equal((await video(id)).status, VideoStatus.AWAITING_UPLOAD);
    });

    it('needs the preflight header and runs nothing but uploads', async () => {
      const id = await openVideo();
      const bytes = await readFile(clip);
      const csrf = await multipart(butcher, UPLOAD, { v: id, s: clipSha }, bytes, 'video/mp4', {});
      assert.equal(csrf.status, 400);
      assert.match(csrf.body.errors[0].message, /apollo-require-preflight/);
      const other = await multipart(
        butcher,
        'mutation($s: ID!, $f: Upload) { requestVideoUpload(sacrificeId: $s) { id } }',
        { s: newId() },
        bytes,
      );
      assert.equal(other.status, 400);
      assert.match(other.body.errors[0].message, /only run the uploadVideo mutation/);
    });
  });
});
