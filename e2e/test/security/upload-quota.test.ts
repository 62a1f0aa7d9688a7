import { eventually } from '@qurbani/kit/testing';
import { AssignByQuotaDocument, ResumableVideoUpload, StartProofVideoDocument, UploadError } from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
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
} from '../support/season.js';
import { startSystem, type System } from '../support/system.js';
import { mediaDirs } from '../support/video-media.js';
import { workAt } from '../support/staff.js';

const SHA = 'a'.repeat(64);

describe('an executor cannot fill the upload disk through the gateway', () => {
  let system: System;
  let executor: Actor;
  let media: Awaited<ReturnType<typeof mediaDirs>>;
  let videos: string[];

  before(async () => {
    media = await mediaDirs();
    system = await startSystem({
      overrides: {
        video: { media: { ...media.media, maxPartialUploadsPerExecutor: 1, maxUploadBytes: 50 * 1024 * 1024 } },
      },
    });
    const organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Executor');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', 2);
    const donor = await registerDonor(system);
    await placeOrder(donor, 'SHEEP', ['Name One']);
    await placeOrder(donor, 'SHEEP', ['Name Two']);
    await allocateAll(system, organizer, seasonId, 2);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: 2 });
    const rows = await system.subgraphs
      .sacrifice!.orm.em.getConnection()
      .execute<{ id: string }[]>('select id from sacrifice order by id');
    videos = [];
    for (const { id: sacrificeId } of rows) {
      videos.push(
        (await eventually(() =>
          executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
        ))!.requestVideoUpload.id,
      );
    }
  });
  after(async () => {
    await system?.close();
    await media?.cleanup();
  });

  const upload = (videoId: string, size: number) =>
    new ResumableVideoUpload({
      origin: new URL(system.gateway.url).origin,
      accessToken: executor.token,
      videoId,
      contentType: 'video/mp4',
      size,
      sha256: SHA,
    });
  const reservations = async () =>
    Number(
      (
        await system.subgraphs
          .video!.orm.em.getConnection()
          .execute<{ n: string }[]>('select count(*) as n from partial_upload')
      )[0]!.n,
    );
  const filesInUploadDir = async () => (await readdir(media.media.uploadDir as string).catch(() => [])).length;

  it('refuses a second unfinished upload with 429 and a clear reason, storing nothing', async () => {
    await upload(videos[0]!, 1024 * 1024).create();
    const [held, files] = [await reservations(), await filesInUploadDir()];
    const refused = await upload(videos[1]!, 1024 * 1024)
      .create()
      .catch((error: unknown) => error);
    assert.ok(refused instanceof UploadError, String(refused));
    assert.equal(refused.status, 429);
    assert.match(refused.message, /unfinished|upload/i);
    assert.equal(await reservations(), held);
    assert.equal(await filesInUploadDir(), files);
  });

  it('refuses a declared size over the limit with 413 before a byte is sent', async () => {
    const held = await reservations();
    const refused = await upload(videos[1]!, 200 * 1024 * 1024)
      .create()
      .catch((error: unknown) => error);
    assert.ok(refused instanceof UploadError, String(refused));
    assert.equal(refused.status, 413);
    assert.equal(await reservations(), held);
  });
});
