import { newId, Role } from '@qurbani/kit';
import { clipDir, makeClip, sha256File } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import { VideoStatus } from '../src/app.js';
import type { MediaOptions } from '../src/media/media.config.js';
import { Video } from '../src/video/video.entity.js';
import { asViewer, testMedia, tus } from './media-support.js';
import { person, startHarness, type Harness } from './support.js';

const MIB = 1024 * 1024;
const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id } }`;
const UPLOAD =
  'mutation($v: ID!, $f: Upload!, $s: String!) { uploadVideo(videoId: $v, file: $f, sha256: $s) { id status } }';

/** A video subgraph with small quotas, a settable clock and a proof clip. */
async function quotaWorld(extra: MediaOptions) {
  const clips = await clipDir();
  const clip = await makeClip(join(clips.dir, 'clip.mp4'), { seconds: 1 });
  const clipSha = await sha256File(clip);
  const clock = { now: new Date() };
  const h: Harness = await startHarness(
    () => clock.now,
    testMedia(clips.dir, { inlineWorker: false, maxUploadBytes: 5 * MIB, maxMultipartBytes: MIB, ...extra }),
  );
  const origin = new URL(h.subgraph.url).origin;
  const uploadDir = join(clips.dir, 'uploads');
  return {
    h,
    clips,
    clip,
    clipSha,
    clock,
    origin,
    /** Files in the upload directory (tus data and info files, multipart scratch files). */
    async stored(): Promise<string[]> {
      const top = await readdir(uploadDir).catch(() => [] as string[]);
      const multipart = await readdir(join(uploadDir, 'multipart')).catch(() => [] as string[]);
      return [...top.filter((f) => f !== 'multipart'), ...multipart.map((f) => `multipart/${f}`)].sort();
    },
    reservations: async () =>
      Number(
        (
          await h.subgraph.orm.em
            .fork()
            .getConnection()
            .execute<{ n: string }[]>('select count(*) as n from partial_upload')
        )[0]!.n,
      ),
    /** A fresh sacrifice assigned to `executor`, with its upload requested. */
    async openVideo(executor: ReturnType<typeof person>): Promise<string> {
      const sacrificeId = newId();
      await h.allocate(sacrificeId, [newId()], executor.id);
      const res = await h.call(executor, REQUEST, { s: sacrificeId });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data.requestVideoUpload.id;
    },
    create: (executor: ReturnType<typeof person>, videoId: string, size: number) =>
      tus.create(origin, executor, { videoId, contentType: 'video/mp4', size, sha256: clipSha }),
    multipart(executor: ReturnType<typeof person>, videoId: string, bytes: Buffer) {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query: UPLOAD, variables: { v: videoId, s: clipSha, f: null } }));
      form.append('map', JSON.stringify({ 0: ['variables.f'] }));
      form.append('0', new Blob([bytes], { type: 'video/mp4' }), 'clip.mp4');
      return fetch(h.subgraph.url, {
        method: 'POST',
        headers: { ...asViewer(executor), 'apollo-require-preflight': 'true' },
        body: form,
      }).then(
        async (r) => (await r.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] },
      );
    },
    statusOf: async (id: string) => (await h.subgraph.orm.em.fork().findOneOrFail(Video, { id })).status,
    async close() {
      await h.close();
      await clips.cleanup();
    },
  };
}
type World = Awaited<ReturnType<typeof quotaWorld>>;

describe('upload quotas per executor', () => {
  let w: World;
  before(async () => {
    w = await quotaWorld({
      maxPartialUploadsPerExecutor: 2,
      maxPartialBytesPerExecutor: 3 * MIB,
      uploadSweepIntervalMs: 100,
    });
  });
  after(() => w?.close());

  it('refuses a third unfinished upload with 429 and a reason, and stores nothing', async () => {
    const butcher = person(Role.EXECUTOR);
    const [a, b, c] = [await w.openVideo(butcher), await w.openVideo(butcher), await w.openVideo(butcher)];
    assert.equal((await w.create(butcher, a, MIB)).status, 201);
    assert.equal((await w.create(butcher, b, MIB)).status, 201);
    const [files, reservations] = [await w.stored(), await w.reservations()];
    const third = await w.create(butcher, c, MIB);
    assert.equal(third.status, 429);
    assert.match(await third.text(), /already have 2 unfinished uploads: finish or cancel one/);
    assert.deepEqual(await w.stored(), files, 'no file was created');
    assert.equal(await w.reservations(), reservations);
    // The same executor's one-request upload is refused too, with a GraphQL code.
    const res = await w.multipart(butcher, c, await readFile(w.clip));
    assert.equal(res.errors?.[0]?.extensions.code, 'RATE_LIMITED');
    assert.equal(await w.statusOf(c), VideoStatus.AWAITING_UPLOAD);
    assert.deepEqual(await w.stored(), files);
  });

  it("refuses uploads whose declared sizes together pass the executor's allowance, and stores nothing", async () => {
    const butcher = person(Role.EXECUTOR);
    const [a, b] = [await w.openVideo(butcher), await w.openVideo(butcher)];
    assert.equal((await w.create(butcher, a, 2 * MIB)).status, 201);
    const files = await w.stored();
    const second = await w.create(butcher, b, 2 * MIB);
    assert.equal(second.status, 429);
    assert.match(await second.text(), /exceed the 3 MiB allowed at once/);
    assert.deepEqual(await w.stored(), files);
    // Another executor is not held back by this one.
    const other = person(Role.EXECUTOR);
    assert.equal((await w.create(other, await w.openVideo(other), 2 * MIB)).status, 201);
  });

  it('gives the room back when an upload is cancelled or recorded', async () => {
    const butcher = person(Role.EXECUTOR);
    const [a, b, c, d] = [
      await w.openVideo(butcher),
      await w.openVideo(butcher),
      await w.openVideo(butcher),
      await w.openVideo(butcher),
    ];
    const bytes = await readFile(w.clip);
    const cancelled = await w.create(butcher, a, MIB);
    const recorded = await w.create(butcher, b, bytes.length);
    assert.equal(recorded.status, 201);
    assert.equal((await w.create(butcher, c, MIB)).status, 429);
    const terminated = await fetch(new URL(cancelled.headers.get('location')!, w.origin), {
      method: 'DELETE',
      headers: { ...asViewer(butcher), 'tus-resumable': '1.0.0' },
    });
    assert.equal(terminated.status, 204);
    await eventually(async () => (await w.create(butcher, c, MIB)).status === 201 || undefined, 5_000, 100);
    assert.equal((await w.create(butcher, d, MIB)).status, 429, 'both slots are taken again');
    const done = await tus.patch(new URL(recorded.headers.get('location')!, w.origin).toString(), butcher, 0, bytes);
    assert.equal(done.status, 204, await done.text());
    assert.equal(await w.statusOf(b), VideoStatus.UPLOADED);
    assert.equal((await w.create(butcher, d, MIB)).status, 201, 'the recorded upload freed its slot');
  });

  it('removes expired partial uploads and their files, and frees the quota', async () => {
    const butcher = person(Role.EXECUTOR);
    const [a, b, c] = [await w.openVideo(butcher), await w.openVideo(butcher), await w.openVideo(butcher)];
    const first = await w.create(butcher, a, MIB);
    assert.equal((await w.create(butcher, b, MIB)).status, 201);
    const id = first.headers.get('location')!.split('/').pop()!;
    assert.ok((await w.stored()).includes(id));
    w.clock.now = new Date(Date.now() + 3 * 86_400_000);
    try {
      // Every reservation made so far has expired: all are released, their files removed.
      await eventually(async () => (await w.reservations()) === 0, 5_000, 100);
      assert.ok(!(await w.stored()).includes(id));
      assert.equal((await w.create(butcher, c, MIB)).status, 201);
    } finally {
      w.clock.now = new Date();
    }
  });
});

describe("the upload directory's disk budget", () => {
  it("refuses a new upload with 507 once everyone's unfinished uploads fill the budget, and stores nothing", async () => {
    const w = await quotaWorld({ uploadBudgetBytes: 3 * MIB, uploadSweepIntervalMs: 0 });
    try {
      const [e1, e2] = [person(Role.EXECUTOR), person(Role.EXECUTOR)];
      assert.equal((await w.create(e1, await w.openVideo(e1), 2 * MIB)).status, 201);
      const files = await w.stored();
      const refused = await w.create(e2, await w.openVideo(e2), 2 * MIB);
      assert.equal(refused.status, 507);
      assert.match(await refused.text(), /short of storage for uploads right now; nothing was stored/);
      assert.deepEqual(await w.stored(), files);
      assert.equal(await w.reservations(), 1);
    } finally {
      await w.close();
    }
  });

  it('refuses every upload when the disk has less free space than the floor, with INSUFFICIENT_STORAGE on GraphQL', async () => {
    const w = await quotaWorld({ minFreeUploadBytes: Number.MAX_SAFE_INTEGER, uploadSweepIntervalMs: 0 });
    try {
      const butcher = person(Role.EXECUTOR);
      const id = await w.openVideo(butcher);
      assert.equal((await w.create(butcher, id, MIB)).status, 507);
      const res = await w.multipart(butcher, id, await readFile(w.clip));
      assert.equal(res.errors?.[0]?.extensions.code, 'INSUFFICIENT_STORAGE');
      assert.equal(await w.statusOf(id), VideoStatus.AWAITING_UPLOAD);
      assert.deepEqual(await w.stored(), []);
      assert.equal(await w.reservations(), 0);
    } finally {
      await w.close();
    }
  });
});
