import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AllocateSharesDocument,
  ArchiveAnimalDocument,
  ArchiveRecipientDocument,
  ArchiveSiteDocument,
  AuditTrailDocument,
  CreateDeliveryDocument,
  CreateMeatPacksDocument,
  CreateRecipientDocument,
  mergeAuditTrails,
  PlaceOrderDocument,
  RecipientsDocument,
  RestoreAnimalDocument,
  RestoreRecipientDocument,
  RestoreSiteDocument,
  SetSharePriceDocument,
  SiteAnimalsDocument,
  SitesDocument,
  UpdateAnimalDocument,
  UpdateRecipientDocument,
  UpdateSiteDocument,
  type ApiResult,
} from '@qurbani/sdk';
import { addAnimals, payAllOrders, performSacrifice, registerDonor, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;

describe('master data: organizers correct and archive sites, animals and families', () => {
  let system: System;
  let world: TrackingWorld;
  let organizer: Actor;
  let donor: Actor;

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    organizer = world.organizer;
    donor = await registerDonor(system, 'Maryam');
  });
  after(() => system?.close());

  const order = (clientRequestId = randomUUID()) =>
    donor.client.execute(PlaceOrderDocument, {
      input: { clientRequestId, siteId: world.siteId, species: 'SHEEP', shares: ['Maryam Khan'] },
    });

  const auditActions = async (entityId: string) =>
    mergeAuditTrails(await organizer.client.request(AuditTrailDocument, { entityId, limit: 50 })).map((r) => r.action);

  it('an archived site takes no new orders and no prices, and takes orders again once restored', async () => {
    assert.ok((await order()).data, 'the site takes orders before it is archived');
    const archived = await organizer.client.request(ArchiveSiteDocument, { id: world.siteId });
    assert.ok(archived.archiveSite.archivedAt);
    assert.equal(codeOf(await organizer.client.execute(ArchiveSiteDocument, { id: world.siteId })), 'CONFLICT');

    const listed = await organizer.client.request(SitesDocument, { seasonId: world.seasonId });
    assert.equal(listed.sites.edges.length, 0, 'archived sites are left out unless asked for');
    const all = await organizer.client.request(SitesDocument, { seasonId: world.seasonId, includeArchived: true });
    assert.deepEqual(
      all.sites.edges.map((e) => e.node.id),
      [world.siteId],
    );

    // The donor subgraph learns of the archive from an event.
    const refused = await eventually(async () => {
      const r = await order();
      return codeOf(r) === 'CONFLICT' && r;
    });
    assert.match(refused.errors![0]!.message, /archived/);
    const price = await organizer.client.execute(SetSharePriceDocument, {
      input: { siteId: world.siteId, species: 'GOAT', amountMinor: 12_000, currency: 'PKR' },
    });
    assert.equal(codeOf(price), 'CONFLICT');
    assert.equal(codeOf(await donor.client.execute(ArchiveSiteDocument, { id: world.siteId })), 'FORBIDDEN');

    await organizer.client.request(RestoreSiteDocument, { id: world.siteId });
    await eventually(async () => (await order()).data ?? undefined);
    assert.deepEqual((await auditActions(world.siteId)).filter((a) => /^site\.(archived|restored)/.test(a)).sort(), [
      'site.archived',
      'site.restored',
    ]);
  });

  it("an organizer moves a site's window until a sacrifice is recorded there, then only renames it", async () => {
    const moved = await organizer.client.request(UpdateSiteDocument, {
      id: world.siteId,
      input: { windowStartLocal: '06:30', region: 'Sindh (south)' },
    });
    assert.equal(moved.updateSite.windowStartLocal, '06:30');
    assert.equal(moved.updateSite.region, 'Sindh (south)');
    const badZone = await organizer.client.execute(UpdateSiteDocument, {
      id: world.siteId,
      input: { timeZone: 'Mars/Olympus' },
    });
    assert.equal(codeOf(badZone), 'BAD_USER_INPUT');
    // Back to the season's own start, so the recorded sacrifice below falls inside the window.
    await organizer.client.request(UpdateSiteDocument, { id: world.siteId, input: { windowStartLocal: '' } });

    const { sacrificeId } = await allocatedOrder(system, world);
    await performSacrifice(system, world.executor, sacrificeId);
    const frozen = await organizer.client.execute(UpdateSiteDocument, {
      id: world.siteId,
      input: { windowEndLocal: '20:00' },
    });
    assert.equal(codeOf(frozen), 'CONFLICT');
    const renamed = await organizer.client.request(UpdateSiteDocument, {
      id: world.siteId,
      input: { name: 'Karachi East (Korangi)' },
    });
    assert.equal(renamed.updateSite.name, 'Karachi East (Korangi)');
    assert.equal(renamed.updateSite.windowEndLocal, null);
  });

  it('an organizer corrects and archives animals without shares; an archived animal is never allocated', async () => {
    const [first, second] = await addAnimals(organizer, world.siteId, 'SHEEP', 2);
    const fixed = await organizer.client.request(UpdateAnimalDocument, {
      id: first!,
      input: { tag: `FIXED-${randomUUID().slice(0, 6)}`, weightKg: 52, species: 'COW' },
    });
    assert.equal(fixed.updateAnimal.species, 'COW');
    assert.equal(fixed.updateAnimal.sharesCapacity, 7);
    assert.equal(fixed.updateAnimal.weightKg, 52);
    const taken = await organizer.client.execute(UpdateAnimalDocument, {
      id: second!,
      input: { tag: fixed.updateAnimal.tag },
    });
    assert.equal(codeOf(taken), 'CONFLICT');

    await organizer.client.request(UpdateAnimalDocument, { id: first!, input: { species: 'SHEEP' } });
    await organizer.client.request(ArchiveAnimalDocument, { id: first! });
    await organizer.client.request(ArchiveAnimalDocument, { id: second! });
    // A paid one-sheep order waits: with both new sheep archived there is no animal for it.
    const placed = await order();
    assert.ok(placed.data);
    await payAllOrders(organizer);
    const sacrificeDb = system.subgraphs.sacrifice!.orm.em.getConnection();
    await eventually(async () => {
      const [row] = await sacrificeDb.execute<{ n: string }[]>(
        'select count(*) as n from paid_order where order_id = ?',
        [placed.data!.placeOrder.id],
      );
      return Number(row?.n) > 0;
    });
    const none = await organizer.client.request(AllocateSharesDocument, { seasonId: world.seasonId });
    assert.equal(none.allocateShares.sacrificesCreated, 0, 'archived animals are not allocated');

    await organizer.client.request(RestoreAnimalDocument, { id: first! });
    const run = await organizer.client.request(AllocateSharesDocument, { seasonId: world.seasonId });
    assert.ok(run.allocateShares.sacrificesCreated >= 1);
    const { animals } = await organizer.client.request(SiteAnimalsDocument, { siteId: world.siteId, first: 100 });
    const byId = new Map(animals.edges.map((e) => [e.node.id, e.node]));
    assert.equal(byId.get(first!)?.status, 'ALLOCATED');
    assert.equal(byId.get(second!)?.status, 'ARCHIVED');
    const allocated = await organizer.client.execute(ArchiveAnimalDocument, { id: first! });
    assert.equal(codeOf(allocated), 'CONFLICT', 'an animal with shares is replaced, not archived');
    const species = await organizer.client.execute(UpdateAnimalDocument, { id: first!, input: { species: 'GOAT' } });
    assert.equal(codeOf(species), 'CONFLICT');
    assert.deepEqual((await auditActions(first!)).filter((a) => a.startsWith('animal.')).sort(), [
      'animal.archived',
      'animal.restored',
      'animal.updated',
      'animal.updated',
    ]);
  });

  it("an organizer corrects a family's contact details and archives it: no new pack goes to it", async () => {
    const { createRecipient } = await organizer.client.request(CreateRecipientDocument, {
      input: {
        name: 'Family Siddiqui',
        householdSize: 4,
        region: 'Korangi',
        priority: 2,
        phone: '+923001112233',
        address: '12 Old Street, Karachi',
      },
    });
    const id = createRecipient.id;
    const { updateRecipient } = await organizer.client.request(UpdateRecipientDocument, {
      id,
      input: { phone: '+923009998877', address: '7 New Street, Karachi', householdSize: 5 },
    });
    assert.equal(updateRecipient.phone, '+923009998877');
    assert.equal(updateRecipient.address, '7 New Street, Karachi');
    assert.equal(updateRecipient.householdSize, 5);
    const badPhone = await organizer.client.execute(UpdateRecipientDocument, { id, input: { phone: '12' } });
    assert.equal(codeOf(badPhone), 'BAD_USER_INPUT');

    await organizer.client.request(ArchiveRecipientDocument, { id });
    const listed = await organizer.client.request(RecipientsDocument, { region: 'Korangi' });
    assert.equal(listed.recipients.edges.length, 0);
    const { sacrificeId } = await allocatedOrder(system, world);
    await performSacrifice(system, world.executor, sacrificeId);
    const packs = await eventually(() =>
      organizer.client
        .execute(CreateMeatPacksDocument, { sacrificeId, weightsKg: [3] })
        .then((r) => r.data ?? undefined),
    );
    const packId = packs.createMeatPacks[0]!.id;
    const refused = await organizer.client.execute(CreateDeliveryDocument, { packId, recipientId: id });
    assert.equal(codeOf(refused), 'CONFLICT');

    await organizer.client.request(RestoreRecipientDocument, { id });
    const { createDelivery } = await organizer.client.request(CreateDeliveryDocument, { packId, recipientId: id });
    assert.ok(createDelivery.delivery.id);
    const trail = mergeAuditTrails(await organizer.client.request(AuditTrailDocument, { entityId: id, limit: 50 }));
    const update = trail.find((r) => r.action === 'recipient.updated');
    assert.deepEqual(JSON.parse(update!.after!).contactChanged, ['phone', 'address']);
    assert.doesNotMatch(JSON.stringify(trail), /Siddiqui|9998877|New Street/, 'the trail holds no personal data');
  });
});
