import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddSiteStaffDocument,
  AssignSacrificeDocument,
  BuildRouteDocument,
  CreateSiteDocument,
  RemoveSiteStaffDocument,
  SiteStaffDocument,
  UpdateSeasonDocument,
  type ApiResult,
} from '@qurbani/sdk';
import { createStaff, registerDonor, type Actor } from './support/season.js';
import { workAt } from './support/staff.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.field;

describe('master data: staff of a site, corrections to a season', () => {
  let system: System;
  let world: TrackingWorld;
  let organizer: Actor;
  let sacrificeId: string;
  let otherSiteId: string;

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    organizer = world.organizer;
    ({ sacrificeId } = await allocatedOrder(system, world));
    const { createSite } = await organizer.client.request(CreateSiteDocument, {
      input: { seasonId: world.seasonId, name: 'Lahore', region: 'Punjab', timeZone: 'Asia/Karachi' },
    });
    otherSiteId = createSite.id;
  });
  after(() => system?.close());

  it('an organizer adds an account to a site only in a role it holds; others may not', async () => {
    const second = await createStaff(system, organizer, 'EXECUTOR', 'Second butcher');
    await workAt(system, organizer, world.siteId, second.id, 'EXECUTOR');
    const asDriver = await organizer.client.execute(AddSiteStaffDocument, {
      siteId: world.siteId,
      accountId: second.id,
      role: 'DRIVER',
    });
    assert.equal(codeOf(asDriver), 'BAD_USER_INPUT');
    assert.equal(fieldOf(asDriver), 'accountId');
    const unknownSite = await organizer.client.execute(AddSiteStaffDocument, {
      siteId: '0190a0b2-0000-7000-8000-000000000000',
      accountId: second.id,
      role: 'EXECUTOR',
    });
    assert.equal(codeOf(unknownSite), 'NOT_FOUND');
    const donor = await registerDonor(system);
    const byDonor = await donor.client.execute(AddSiteStaffDocument, {
      siteId: world.siteId,
      accountId: donor.id,
      role: 'EXECUTOR',
    });
    assert.equal(codeOf(byDonor), 'FORBIDDEN');

    const { siteStaff } = await organizer.client.request(SiteStaffDocument, { siteId: world.siteId, role: 'EXECUTOR' });
    assert.deepEqual(siteStaff.edges.map((e) => e.node.accountId).sort(), [world.executor.id, second.id].sort());
  });

  it('assignSacrifice takes an executor of the site, and refuses a driver, an outsider and a removed one', async () => {
    const outsider = await createStaff(system, organizer, 'EXECUTOR', 'Lahore butcher');
    await workAt(system, organizer, otherSiteId, outsider.id, 'EXECUTOR');
    const elsewhere = await organizer.client.execute(AssignSacrificeDocument, { sacrificeId, executorId: outsider.id });
    assert.equal(codeOf(elsewhere), 'BAD_USER_INPUT');
    assert.equal(fieldOf(elsewhere), 'executorId');
    assert.match(elsewhere.errors![0]!.message, /does not work at this site/);
    const driver = await organizer.client.execute(AssignSacrificeDocument, {
      sacrificeId,
      executorId: world.driver.id,
    });
    assert.equal(codeOf(driver), 'BAD_USER_INPUT');

    await workAt(system, organizer, world.siteId, outsider.id, 'EXECUTOR');
    const moved = await organizer.client.request(AssignSacrificeDocument, { sacrificeId, executorId: outsider.id });
    assert.equal(moved.assignSacrifice.id, sacrificeId);

    const { removeSiteStaff } = await organizer.client.request(RemoveSiteStaffDocument, {
      siteId: world.siteId,
      accountId: world.executor.id,
      role: 'EXECUTOR',
    });
    assert.equal(removeSiteStaff, true);
    const back = await organizer.client.execute(AssignSacrificeDocument, {
      sacrificeId,
      executorId: world.executor.id,
    });
    assert.equal(codeOf(back), 'BAD_USER_INPUT', 'removed from the site: no new work');
    await workAt(system, organizer, world.siteId, world.executor.id, 'EXECUTOR');
    await organizer.client.request(AssignSacrificeDocument, { sacrificeId, executorId: world.executor.id });
  });

  it("buildRoute takes a driver of the pack's site, and refuses an executor or a driver of another site", async () => {
    const { deliveryId } = await deliveryOnItsWay(world, sacrificeId, false);
    const route = (driverId: string) =>
      organizer.client.execute(BuildRouteDocument, { deliveryIds: [deliveryId], driverId });
    const asExecutor = await route(world.executor.id);
    assert.equal(codeOf(asExecutor), 'BAD_USER_INPUT');
    assert.equal(fieldOf(asExecutor), 'driverId');
    const lahoreDriver = await createStaff(system, organizer, 'DRIVER', 'Lahore driver');
    await workAt(system, organizer, otherSiteId, lahoreDriver.id, 'DRIVER');
    const elsewhere = await route(lahoreDriver.id);
    assert.equal(codeOf(elsewhere), 'BAD_USER_INPUT');
    assert.match(elsewhere.errors![0]!.message, /does not work at site/);
    await workAt(system, organizer, world.siteId, lahoreDriver.id, 'DRIVER');
    const rerouted = await route(lahoreDriver.id);
    assert.equal(rerouted.errors, undefined);
  });
  it("an organizer corrects a season's name, but not its window once a sacrifice was recorded in it", async () => {
    const renamed = await organizer.client.request(UpdateSeasonDocument, {
      id: world.seasonId,
      input: { name: 'Eid al-Adha 1447 (corrected)' },
    });
    assert.equal(renamed.updateSeason.name, 'Eid al-Adha 1447 (corrected)');
    // The sacrifice above was performed (deliveryOnItsWay records it) inside this window.
    const moved = await organizer.client.execute(UpdateSeasonDocument, {
      id: world.seasonId,
      input: { windowEndLocal: '18:00' },
    });
    assert.equal(codeOf(moved), 'CONFLICT');
    const donor = await registerDonor(system);
    const byDonor = await donor.client.execute(UpdateSeasonDocument, { id: world.seasonId, input: { name: 'x' } });
    assert.equal(codeOf(byDonor), 'FORBIDDEN');
  });
});
