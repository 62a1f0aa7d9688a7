import { clipDir, eventually, makeClip, sha256File } from '@qurbani/kit/testing';
import { AssignByQuotaDocument, ResumableVideoUpload, StartProofVideoDocument, UploadError } from '@qurbani/sdk';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
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
import { workAt } from './support/staff.js';
import { startSystem, type System } from './support/system.js';
import { mediaDirs } from './support/video-media.js';

// Two video and two sacrifice replicas behind one gateway, sharing databases, the stream, Redis
// (tus locks) and the upload directory, as `REPLICAS=2 npm start` runs them on one box.
describe('replicas behind the gateway', () => {
  let system: System;
  let organizer: Actor;
  let executor: Actor;
  let origin: string;
  let media: Awaited<ReturnType<typeof mediaDirs>>;
  let clips: Awaited<ReturnType<typeof clipDir>>;
  let bytes: Buffer;
  let sha256: string;
  let sacrifices: string[];

  const resumable = (videoId: string) =>
    new ResumableVideoUpload({
      origin,
      accessToken: executor.token,
      videoId,
      contentType: 'video/mp4',
      size: bytes.length,
      sha256,
    });
  const startVideo = async (sacrificeId: string) =>
    (await eventually(() =>
      executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
    ))!.requestVideoUpload.id;
  const videoReplicas = () => system.replicas.video!;
  /** Which video replicas received requests while `act` ran. */
  async function landedOn<T>(act: () => Promise<T>): Promise<{ result: T; on: number[] }> {
    const before = videoReplicas().map((s) => s.stats.received);
    const result = await act();
    const on = videoReplicas()
      .map((s, i) => (s.stats.received > before[i]! ? i : -1))
      .filter((i) => i >= 0);
    return { result, on };
  }
  const closed = new Set<unknown>();
  const sql = <T>(query: string, params: unknown[] = []) =>
    videoReplicas()
      .find((s) => !closed.has(s))!
      .orm.em.getConnection()
      .execute<T[]>(query, params);
  /** The video as recorded, the initial-upload events of it, and the SHA-256 of the stored original. */
  async function recorded(videoId: string) {
    const [video] = await sql<{ status: string; sha256: string; size_bytes: string; storage_key: string }>(
      'select status, sha256, size_bytes, storage_key from video where id = ?',
      [videoId],
    );
    const events = await sql<{ id: string }>(
      `select id from outbox_message where subject = 'video.initial-upload' and payload->>'videoId' = ?`,
      [videoId],
    );
    const stored = await sha256File(join(media.dir, 'hot', video!.storage_key));
    return {
      status: video!.status,
      sha256: video!.sha256,
      size: Number(video!.size_bytes),
      events: events.length,
      stored,
    };
  }

  before(async () => {
    media = await mediaDirs();
    clips = await clipDir();
    system = await startSystem({
      // Preprocessing is tested elsewhere; here it would only compete for the CPU.
      overrides: { video: { media: { ...media.media, inlineWorker: false } } },
      replicas: { video: 2, sacrifice: 2 },
    });
    origin = new URL(system.gateway.url).origin;
    organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Bilal the butcher');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', 4);
    const donor = await registerDonor(system, 'Amina');
    for (const name of ['Amina Rahman', 'Yusuf Rahman', 'Maryam Rahman', 'Ibrahim Rahman'])
      await placeOrder(donor, 'SHEEP', [name]);
    await allocateAll(system, organizer, seasonId, 4);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: 10 });
    const rows = await system.subgraphs
      .sacrifice!.orm.em.getConnection()
      .execute<{ id: string }[]>('select id from sacrifice order by id');
    sacrifices = rows.map((r) => r.id);
    const clip = await makeClip(join(clips.dir, 'proof.mp4'), { seconds: 3, size: '640x360' });
    bytes = await readFile(clip);
    sha256 = await sha256File(clip);
  });
  after(async () => {
    await system?.close();
    await clips?.cleanup();
    await media?.cleanup();
  });

  it('finishes once, with the declared checksum, an upload whose chunks land on both video replicas', async () => {
    const videoId = await startVideo(sacrifices[0]!);
    const upload = resumable(videoId);
    await upload.create();
    const chunk = Math.ceil(bytes.length / 4);
    const landed = new Set<number>();
    let answer = { offset: 0, videoStatus: null as string | null };
    while (answer.offset < bytes.length) {
      const from = answer.offset;
      const { result, on } = await landedOn(() => upload.patch(from, bytes.subarray(from, from + chunk)));
      answer = result;
      for (const i of on) landed.add(i);
    }
    assert.deepEqual([...landed].sort(), [0, 1], 'the PATCHes went to both replicas');
    assert.deepEqual(answer, { offset: bytes.length, videoStatus: 'UPLOADED' });
    assert.deepEqual(await recorded(videoId), {
      status: 'UPLOADED',
      sha256,
      size: bytes.length,
      events: 1,
      stored: sha256,
    });
  });

  it('makes a second PATCH of the same upload on the other replica wait for the first and refuses it; the file stays whole', async () => {
    const videoId = await startVideo(sacrifices[1]!);
    const upload = resumable(videoId);
    await upload.create();
    const file = join(media.dir, 'uploads', upload.url!.split('/').pop()!);
    const half = Math.floor(bytes.length / 2);

    // The first PATCH announces the whole file, sends half and stalls: it holds the upload's lock.
    const before = videoReplicas().map((s) => s.stats.received);
    const first = http.request(upload.url!, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${executor.token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    const firstAnswer = new Promise<{ status: number; offset: string | undefined } | 'cut'>((resolve) => {
      first.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode!, offset: res.headers['upload-offset'] as string | undefined });
      });
      first.on('error', () => resolve('cut'));
    });
    first.write(bytes.subarray(0, half));
    await eventually(async () => (await stat(file)).size >= half, 10_000, 20);
    const holder = videoReplicas().findIndex((s, i) => s.stats.received > before[i]!);
    assert.ok(holder >= 0);

    // The second, complete PATCH from offset 0 goes to the other replica (round robin).
    const started = Date.now();
    const second = await landedOn(() =>
      upload.patch(0, bytes).then(
        () => 'accepted',
        (error: UploadError) => error.status,
      ),
    );
    assert.deepEqual(second.on, [1 - holder], 'the second PATCH went to the other replica');
    // It waited for the holder to let go (tus' drain delay), then found the first one's bytes there.
    assert.equal(second.result, 409);
    assert.ok(Date.now() - started >= 1000, `answered after ${Date.now() - started} ms`);
    // tus ends the stalled PATCH when asked to let go, keeping (and reporting) the bytes it wrote.
    assert.deepEqual(await firstAnswer, { status: 204, offset: String(half) });
    first.destroy();

    // Only the first PATCH's bytes were written: resume from there and the checksum matches.
    const offset = await upload.offset();
    assert.equal(offset, half);
    const done = await upload.patch(offset, bytes.subarray(offset));
    assert.deepEqual(done, { offset: bytes.length, videoStatus: 'UPLOADED' });
    assert.deepEqual(await recorded(videoId), {
      status: 'UPLOADED',
      sha256,
      size: bytes.length,
      events: 1,
      stored: sha256,
    });
  });

  it('waits out the lock of a replica that died holding it, then resumes on another', async () => {
    const videoId = await startVideo(sacrifices[3]!);
    const upload = resumable(videoId);
    await upload.create();
    const half = Math.floor(bytes.length / 2);
    await upload.patch(0, bytes.subarray(0, half));
    // What Redis holds after a replica is killed in a PATCH: its lock, with the rest of its lease, and
    // nobody to answer a release request.
    const redis = new Redis(system.redis.redisUrl);
    try {
      const key = `${system.redis.redisPrefix}tus-lock:${upload.url!.split('/').pop()}`;
      assert.equal(await redis.set(key, 'killed-replica', 'PX', 2000, 'NX'), 'OK');
      const started = Date.now();
      assert.equal(await upload.offset(), half);
      assert.ok(Date.now() - started >= 1500, `HEAD answered after ${Date.now() - started} ms, inside the lease`);
      assert.equal(await redis.exists(key), 0);
    } finally {
      redis.disconnect();
    }
    const done = await upload.patch(half, bytes.subarray(half));
    assert.deepEqual(done, { offset: bytes.length, videoStatus: 'UPLOADED' });
    assert.equal((await recorded(videoId)).stored, sha256);
  });

  it('keeps answering GraphQL with one sacrifice replica closed', async () => {
    const [one, two] = system.replicas.sacrifice!;
    const seasons = async () => {
      const res = await fetch(system.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer.token}` },
        body: JSON.stringify({ query: '{ seasons { __typename } }' }),
      });
      return (await res.json()) as { data?: unknown; errors?: unknown[] };
    };
    const served = () => [one!.stats.requests, two!.stats.requests];
    const before = served();
    for (let i = 0; i < 6; i++) assert.equal((await seasons()).errors, undefined);
    const after = served();
    assert.ok(after[0]! > before[0]! && after[1]! > before[1]!, 'both replicas served queries');

    await two!.close();
    for (let i = 0; i < 6; i++) {
      const answer = await seasons();
      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
      assert.deepEqual(answer.data, { seasons: { __typename: 'SeasonConnection' } });
    }
    assert.equal(two!.stats.requests, after[1], 'the closed replica got nothing');
  });

  it('resumes an upload on the other video replica after the one that took its first half is closed', async () => {
    const videoId = await startVideo(sacrifices[2]!);
    const upload = resumable(videoId);
    await upload.create();
    const half = Math.floor(bytes.length / 2);
    const first = await landedOn(() => upload.patch(0, bytes.subarray(0, half)));
    assert.equal(first.on.length, 1);
    const gone = videoReplicas()[first.on[0]!]!;
    closed.add(gone);
    await gone.close();

    // Whatever replica the gateway tries first, HEAD and the last PATCH are answered by the live one.
    for (let i = 0; i < 3; i++) assert.equal(await upload.offset(), half);
    const done = await upload.patch(half, bytes.subarray(half));
    assert.deepEqual(done, { offset: bytes.length, videoStatus: 'UPLOADED' });
    assert.deepEqual(await recorded(videoId), {
      status: 'UPLOADED',
      sha256,
      size: bytes.length,
      events: 1,
      stored: sha256,
    });
  });
});
