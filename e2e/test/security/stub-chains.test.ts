import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  CreateTrackingLinkDocument,
  DeliveryUpdatedDocument,
  FollowDriverDocument,
  QurbaniLive,
  ReportPositionsDocument,
  RevokeTrackingLinkDocument,
} from '@qurbani/sdk';
import { record, settle } from '../support/live.js';
import { askAsLink, securityWorld, type SecurityWorld } from '../support/security-world.js';
import { startSystem, type System } from '../support/system.js';
import { fix } from '../support/tracking.js';

/** The chains reproduced against the running system before the policies (issue 7, point 5). */
describe("federated stub chains apply the owner's rule at every step", () => {
  let system: System;
  let world: SecurityWorld;

  before(async () => {
    system = await startSystem();
    world = await securityWorld(system);
  });
  after(async () => {
    await world?.close();
    await system?.close();
  });

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;

  it("a family's tracking link sees its one delivery through packs and sacrifices, never other families' deliveries or vans", async () => {
    const chain = `query($id: ID!) { delivery(id: $id) { id packs { id sacrifice { id meatPacks { id delivery { id status driverPosition { lat } recipient { id } } } } } } }`;
    const { data, errors } = await world.as('link', chain, { id: world.ids.deliveryA1 });
    assert.equal(errors, undefined, JSON.stringify(errors));
    const packs = data.delivery.packs[0].sacrifice.meatPacks;
    assert.deepEqual(
      packs.map((p: any) => p.id),
      [world.ids.packA1],
      'only the pack of its own delivery',
    );
    assert.equal(packs[0].delivery.id, world.ids.deliveryA1);
    assert.ok(packs[0].delivery.driverPosition.lat, 'its own van, while it is on its way');
    const text = JSON.stringify(data);
    for (const other of [
      world.ids.deliveryA2,
      world.ids.deliveryB,
      world.ids.packA2,
      world.ids.recipientA2,
      world.ids.recipientB,
    ]) {
      assert.ok(!text.includes(other), `${other} leaked through the chain`);
    }
    // The same chain as the donor shows both packs of their sacrifice: the filter is per viewer, not a broken chain.
    const donor = await world.as('donor', chain, { id: world.ids.deliveryA1 });
    assert.deepEqual(
      donor.data.delivery.packs[0].sacrifice.meatPacks.map((p: any) => p.id).sort(),
      [world.ids.packA1, world.ids.packA2].sort(),
    );
  });

  it("a tracking link cannot open another family's delivery or van by id", async () => {
    const other = await world.as('link', `query($id: ID!) { delivery(id: $id) { id } }`, { id: world.ids.deliveryB });
    assert.equal(codeOf(other), 'NOT_FOUND');
    assert.equal(other.data, null);
    const van = await world.as('link', `query($id: ID!) { driverPosition(deliveryId: $id) { lat } }`, {
      id: world.ids.deliveryB,
    });
    assert.equal(codeOf(van), 'NOT_FOUND');
    const route = await world.as(
      'link',
      `query($id: ID!) { delivery(id: $id) { route { id stops { delivery { id } } } } }`,
      { id: world.ids.deliveryA1 },
    );
    assert.equal(route.data.delivery.route, null, "the route lists other families' stops");
  });

  for (const who of ['reviewer', 'executor', 'driver', 'otherDriver', 'otherDonor'] as const) {
    it(`a ${who} cannot read donors' payments through sacrifices, videos or packs`, async () => {
      const chains: [string, Record<string, unknown>][] = [
        [
          `query($id: ID!) { sacrifice(id: $id) { orders { id amountMinor payments { id reference amountMinor } } } }`,
          { id: world.ids.sacrificeA },
        ],
        [
          `query($id: ID!) { video(id: $id) { sacrifice { orders { id payments { id reference } } } } }`,
          { id: world.ids.videoA },
        ],
        [
          `query($id: ID!) { delivery(id: $id) { packs { sacrifice { orders { id payments { id reference } } } } } }`,
          { id: world.ids.deliveryA1 },
        ],
        [`query($id: ID!) { order(id: $id) { payments { id reference } } }`, { id: world.ids.orderA }],
      ];
      for (const [query, variables] of chains) {
        const result = await world.as(who, query, variables);
        const text = JSON.stringify(result.data ?? null);
        assert.ok(!text.includes(world.ids.paymentA) && !text.includes(world.ids.orderA), `${query} leaked: ${text}`);
        for (const e of result.errors ?? [])
          assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(String(e.extensions?.code)), JSON.stringify(e));
      }
      // What the staff member may see of the sacrifice is still there (names to pronounce, for its executor).
      if (who === 'executor' || who === 'reviewer') {
        const names = await world.as(who, `query($id: ID!) { sacrifice(id: $id) { namesToPronounce orders { id } } }`, {
          id: world.ids.sacrificeA,
        });
        assert.deepEqual(names.data.sacrifice, { namesToPronounce: ['Amina Rahman'], orders: [] });
      }
    });
  }

  it('an organizer revokes a tracking link: its queries and live subscription end with a clear error, other links keep working', async () => {
    const { organizer, driver, donor } = world.actors;
    const deliveryId = world.ids.deliveryA1;
    const { createTrackingLink: second } = await organizer.client.request(CreateTrackingLinkDocument, { deliveryId });
    const secondLive = new QurbaniLive({
      url: system.gateway.url,
      trackingToken: second.token,
      client: { lazyCloseTimeout: 0, retryAttempts: 0 },
    });
    const van = record(world.link, FollowDriverDocument, { deliveryId });
    // Keeps the second link's connection open through the test.
    const held = record(secondLive, DeliveryUpdatedDocument, { id: deliveryId });
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    await settle(200);

    // Only organizers revoke; a refused attempt changes nothing.
    const links = () =>
      system.subgraphs
        .delivery!.orm.em.getConnection()
        .execute<{ n: string }[]>(
          `select count(*) as n from tracking_link where delivery_id = ? and revoked_at is null`,
          [deliveryId],
        );
    const before = Number((await links())[0]!.n);
    for (const who of [donor, driver]) {
      const refused = await who.client.execute(RevokeTrackingLinkDocument, { deliveryId, linkId: world.linkId });
      assert.equal(codeOf(refused), 'FORBIDDEN');
    }
    assert.equal(Number((await links())[0]!.n), before, 'nothing revoked by a refused attempt');

    const { revokeTrackingLink } = await organizer.client.request(RevokeTrackingLinkDocument, {
      deliveryId,
      linkId: world.linkId,
    });
    assert.equal(revokeTrackingLink, 1);
    await settle(400);

    await driver.client.request(ReportPositionsDocument, { routeId: world.ids.routeA, points: [fix(5, 40)] });
    await van.ended();
    assert.equal(van.events.length, 0, 'no position after the revocation');
    assert.equal(
      (van.errors[0] as any)?.extensions?.code ?? (van.errors[0] as any)?.[0]?.extensions?.code,
      'UNAUTHENTICATED',
      JSON.stringify(van.errors),
    );

    const query = `query($id: ID!) { delivery(id: $id) { id status } }`;
    // Refused on its connection if still open, or in connection_init (4403) if it reconnects.
    const again = await askAsLink(world.link, query, { id: deliveryId });
    assert.ok(
      again.status === 4403 || (codeOf(again) === 'UNAUTHENTICATED' && /revoked/.test(again.errors![0]!.message)),
      JSON.stringify(again),
    );
    assert.equal(again.data, null);

    const stillGood = await askAsLink(secondLive, query, { id: deliveryId });
    assert.equal(stillGood.data?.delivery.id, deliveryId, 'the other link of the same delivery still works');
    const all = await organizer.client.request(RevokeTrackingLinkDocument, { deliveryId });
    // The remaining link, and the ones the family got by SMS (when its delivery was made and when it set out).
    assert.equal(all.revokeTrackingLink, 3, 'revoking by delivery ends every remaining link');
    // Its idle subscription ends at once with the reason, without waiting for the delivery's next change.
    await held.ended(3_000);
    assert.equal((held.errors[0] as any)?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(held.errors));
    assert.match((held.errors[0] as any).message, /revoked/);
    const revoked = await askAsLink(secondLive, query, { id: deliveryId });
    assert.ok(
      revoked.status === 4403 || (codeOf(revoked) === 'UNAUTHENTICATED' && /revoked/.test(revoked.errors![0]!.message)),
      JSON.stringify(revoked),
    );
    assert.equal(revoked.data, null);
    await secondLive.dispose();
  });
});
