import { clipDir, eventually } from '@qurbani/kit/testing';
import {
  BuildRouteDocument,
  ConfirmDeliveryDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  DeliveryDocument,
  QurbaniApiError,
  StartDeliveryDocument,
  uploadDeliveryPhoto,
} from '@qurbani/sdk';
import { LocalDiskStore } from '@qurbani/storage';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createStaff, performSacrifice, registerDonor, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const exec = promisify(execFile);
const MAX_BYTES = 256 * 1024;

describe('proof-of-delivery photos: a real JPEG or PNG from the driver, checked by confirmDelivery', () => {
  let system: System;
  let world: TrackingWorld;
  let store: LocalDiskStore;
  let files: Awaited<ReturnType<typeof clipDir>>;
  let jpeg: Buffer;
  let png: Buffer;
  let secondDriver: Actor;

  /** Deliveries that require a photo, out for delivery with world.driver: packs of one animal, one family each. */
  let vans: { deliveryId: string; pin: string }[];
  const outForDelivery = async () => vans.pop()!;
  const setOut = async (count: number) => {
    const { sacrificeId } = await allocatedOrder(system, world);
    await performSacrifice(system, world.executor, sacrificeId);
    const organizer = world.organizer.client;
    const packs = await eventually(() =>
      organizer
        .execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: Array.from({ length: count }, () => 2) })
        .then((r) => r.data ?? undefined),
    );
    const out = [];
    for (const [i, pack] of packs.createMeatPacks.entries()) {
      const { createRecipient } = await organizer.request(CreateRecipientDocument, {
        input: {
          name: `Family ${i}`,
          householdSize: 3,
          region: 'Lyari',
          priority: 1,
          phone: `+92300123450${i}`,
          address: `${i} Street, Karachi`,
        },
      });
      const { createDelivery } = await organizer.request(CreateDeliveryDocument, {
        packId: pack.id,
        recipientId: createRecipient.id,
        requirePhoto: true,
      });
      assert.equal(createDelivery.delivery.photoRequired, true);
      out.push({ deliveryId: createDelivery.delivery.id, pin: createDelivery.pin });
    }
    await organizer.request(BuildRouteDocument, {
      deliveryIds: out.map((d) => d.deliveryId),
      driverId: world.driver.id,
    });
    for (const d of out) await world.driver.client.request(StartDeliveryDocument, { id: d.deliveryId });
    return out;
  };
  const upload = (actor: Actor, deliveryId: string, photo: Buffer, name = 'proof.jpg') =>
    uploadDeliveryPhoto(system.gateway.url, actor.token, deliveryId, photo, name);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('the upload should have been refused'),
      (e: unknown) => e as QurbaniApiError,
    );
  const photosOf = async (deliveryId: string) => {
    const db = system.subgraphs.delivery!.orm.em.getConnection();
    const rows = await db.execute<{ n: string }[]>('select count(*) as n from delivery_photo where delivery_id = ?', [
      deliveryId,
    ]);
    return { rows: Number(rows[0]!.n), objects: (await store.list(`delivery-photos/${deliveryId}/`)).length };
  };

  before(async () => {
    files = await clipDir();
    // Real images, made by ffmpeg: a 640x480 test card as JPEG and as PNG.
    const card = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', '-y'];
    await exec('ffmpeg', [...card, join(files.dir, 'proof.jpg')]);
    await exec('ffmpeg', [...card, '-vf', 'scale=160:120', join(files.dir, 'proof.png')]);
    jpeg = await readFile(join(files.dir, 'proof.jpg'));
    png = await readFile(join(files.dir, 'proof.png'));
    store = new LocalDiskStore(join(files.dir, 'store'));
    system = await startSystem({ overrides: { delivery: { photoStore: store, photoMaxBytes: MAX_BYTES } } });
    world = await trackingWorld(system);
    secondDriver = await createStaff(system, world.organizer, 'DRIVER', 'Second driver');
    vans = await setOut(4);
  });
  after(async () => {
    await system?.close();
    await files?.cleanup();
  });

  it('a delivery that requires a photo is confirmed only with one its driver uploaded, stored byte for byte', async () => {
    const van = await outForDelivery();
    const withoutPhoto = await world.driver.client.execute(ConfirmDeliveryDocument, {
      id: van.deliveryId,
      pin: van.pin,
    });
    assert.equal(withoutPhoto.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(withoutPhoto.errors![0]!.message, /needs a proof photo/);

    const photo = await upload(world.driver, van.deliveryId, jpeg);
    assert.deepEqual(
      { ...photo, photoId: typeof photo.photoId },
      {
        photoId: 'string',
        contentType: 'image/jpeg',
        sizeBytes: jpeg.length,
      },
    );
    const { confirmDelivery } = await world.driver.client.request(ConfirmDeliveryDocument, {
      id: van.deliveryId,
      pin: van.pin,
      photoId: photo.photoId,
    });
    assert.equal(confirmDelivery.status, 'DELIVERED');
    const stored = await readFile(store.localPath(confirmDelivery.proofPhotoKey!));
    assert.equal(createHash('sha256').update(stored).digest('hex'), createHash('sha256').update(jpeg).digest('hex'));
  });

  it('a corrupt, wrong-type, huge or missing file gets a clear error and loses nothing', async () => {
    const van = await outForDelivery();
    const good = await upload(world.driver, van.deliveryId, png, 'proof.png');
    assert.equal(good.contentType, 'image/png');

    const cut = await refusal(upload(world.driver, van.deliveryId, jpeg.subarray(0, jpeg.length - 200)));
    assert.equal(cut.status, 400);
    assert.match(cut.message, /incomplete or damaged/);
    const text = await refusal(
      upload(world.driver, van.deliveryId, Buffer.from('not a photo at all, just text'), 'x.jpg'),
    );
    assert.equal(text.status, 415);
    assert.match(text.message, /Only JPEG or PNG/);
    const huge = Buffer.concat([jpeg.subarray(0, 64), Buffer.alloc(MAX_BYTES + 1024, 7), Buffer.from([0xff, 0xd9])]);
    const tooBig = await refusal(upload(world.driver, van.deliveryId, huge));
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.message, /larger than 0\.3 MB/);
    const form = new FormData();
    form.append('note', 'no file here');
    const none = await fetch(new URL(`/uploads/delivery-photos/${van.deliveryId}`, system.gateway.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${world.driver.token}` },
      body: form,
    });
    assert.equal(none.status, 400);
    assert.equal(
      ((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      'BAD_USER_INPUT',
    );
    for (const e of [cut, text, tooBig]) assert.equal(e.code, 'BAD_USER_INPUT');

    assert.deepEqual(await photosOf(van.deliveryId), { rows: 1, objects: 1 }, 'only the good photo is kept');
    const { delivery } = await world.organizer.client.request(DeliveryDocument, { id: van.deliveryId });
    assert.equal(delivery.status, 'OUT_FOR_DELIVERY', 'the refusals changed nothing');
    const { confirmDelivery } = await world.driver.client.request(ConfirmDeliveryDocument, {
      id: van.deliveryId,
      pin: van.pin,
      photoId: good.photoId,
    });
    assert.equal(confirmDelivery.status, 'DELIVERED');
  });

  it("another delivery's or another driver's photo proves nothing; only the driver may upload", async () => {
    const first = await outForDelivery();
    const second = await outForDelivery();
    const ofFirst = await upload(world.driver, first.deliveryId, jpeg);
    const crossed = await world.driver.client.execute(ConfirmDeliveryDocument, {
      id: second.deliveryId,
      pin: second.pin,
      photoId: ofFirst.photoId,
    });
    assert.equal(crossed.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(crossed.errors![0]!.message, /No photo with this id was uploaded by you for this delivery/);

    const stranger = await refusal(upload(secondDriver, first.deliveryId, jpeg));
    assert.equal(stranger.status, 404, "another driver's delivery does not exist for them");
    const donor = await registerDonor(system, 'Curious donor');
    const notDriver = await refusal(upload(donor, first.deliveryId, jpeg));
    assert.equal(notDriver.status, 403);
    const anonymous = await fetch(new URL(`/uploads/delivery-photos/${first.deliveryId}`, system.gateway.url), {
      method: 'POST',
    });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await photosOf(first.deliveryId), { rows: 1, objects: 1 });
  });
});
