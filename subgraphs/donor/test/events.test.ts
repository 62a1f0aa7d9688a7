import { OutboxMessage, Subject } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ORDER_STATUS_DURABLE } from '../src/events.js';
import { SITE, startHarness, viewerOf, type Harness } from './harness.js';

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id shares { id offeredFor } } }`;
const STATUS = `query($id: ID!) { order(id: $id) { status } }`;
const PHONE = '+33612345678';

describe('donor events and references', () => {
  let h: Harness;
  const donor = viewerOf(Role.DONOR);
  const organizer = viewerOf(Role.ORGANIZER);
  const place = async (names: string[], clientRequestId: string = randomUUID(), species = 'SHEEP') => {
    const res = await h.call(donor, PLACE, {
      input: { clientRequestId, species, shares: names, siteId: SITE },
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.placeOrder as { id: string; shares: { id: string; offeredFor: string }[] };
  };
  /** Every message of `subject` in the test stream, decoded. */
  const published = async (subject: string) => {
    const { state } = await h.nats.jsm.streams.info(h.run.streamName);
    const out: { raw: string; payload: any }[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const msg = await h.nats.jsm.streams.getMessage(h.run.streamName, { seq }).catch(() => null);
      if (msg?.subject === `${h.run.subjectPrefix}.${subject}`) out.push({ raw: msg.string(), payload: msg.json() });
    }
    return out;
  };
  const sacrificeStatus = async (status: string, orderIds: string[], sacrificeId = newId()) => {
    const msgID = newId();
    const payload = { sacrificeId, status, orderIds, donorIds: [donor.id], at: new Date().toISOString() };
    await h.nats.js.publish(`${h.run.subjectPrefix}.${Subject.SacrificeStatusChanged}`, JSON.stringify(payload), {
      msgID,
    });
    // Handled means recorded in the inbox, in the same transaction as the status change.
    await eventually(
      async () =>
        (
          await h.rows(`select 1 from inbox_message where consumer = ? and message_id = ?`, [
            ORDER_STATUS_DURABLE,
            msgID,
          ])
        ).length > 0,
    );
  };
  const statusOf = async (id: string) => (await h.call(donor, STATUS, { id })).data.order.status;

  before(async () => {
    h = await startHarness();
    await h.call(
      donor,
      `mutation($p: String) { updateDonorProfile(input: { phone: $p, contactChannels: [WHATSAPP] }) { id } }`,
      { p: PHONE },
    );
  });
  after(async () => {
    await h.close();
  });

  it('publishes order.placed to NATS exactly once, with share names and no phone', async () => {
    const key = randomUUID();
    const order = await place(['Aicha Kabbaj', 'Hamza Kabbaj'], key);
    await place(['Aicha Kabbaj', 'Hamza Kabbaj'], key);
    await eventually(async () => (await h.subgraph.orm.em.fork().count(OutboxMessage, { publishedAt: null })) === 0);
    const events = (await published(Subject.OrderPlaced)).filter((e) => e.payload.orderId === order.id);
    assert.equal(events.length, 1);
    const { seasonId, ...payload } = events[0]!.payload;
    assert.ok(seasonId, "the site's season, from the price list");
    assert.deepEqual(payload, {
      orderId: order.id,
      donorId: donor.id,
      species: 'SHEEP',
      shares: order.shares.map((s) => ({ shareId: s.id, offeredFor: s.offeredFor })),
      siteId: SITE,
    });
    assert.ok(!/phone|address|\+?33612345678/i.test(events[0]!.raw), 'no personal contact data in the event');
  });

  it('moves an order forward as its sacrifice progresses, never backwards', async () => {
    const order = await place(['Said Alaoui']);
    const cancelled = await place(['Nadia Alaoui']);
    await h.call(donor, `mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: cancelled.id });
    await h.decideCancel(cancelled.id, 'CONFIRMED');

    await sacrificeStatus('ALLOCATED', [order.id, cancelled.id]);
    assert.equal(await statusOf(order.id), 'ALLOCATED');
    assert.equal(await statusOf(cancelled.id), 'CANCELLED', 'a cancelled order stays cancelled');
    await sacrificeStatus('ASSIGNED', [order.id]);
    assert.equal(await statusOf(order.id), 'ALLOCATED', 'statuses donors do not follow change nothing');
    await sacrificeStatus('PERFORMED', [order.id]);
    assert.equal(await statusOf(order.id), 'SACRIFICED');
    await sacrificeStatus('ALLOCATED', [order.id]);
    assert.equal(await statusOf(order.id), 'SACRIFICED', 'a late event does not move it back');
    await sacrificeStatus('VERIFIED', [order.id, 'not-a-uuid']);
    assert.equal(await statusOf(order.id), 'VERIFIED');
    const dead = await h.rows(`select * from dead_letter`);
    assert.equal(dead.length, 0);
  });

  it("tells the donor of a step whose event came after a later step's, and never twice", async () => {
    const order = await place(['Karim Bensaid']);
    const sacrificeId = newId();
    const notices = async (kind: string) =>
      (
        await h.rows(
          `select 1 from outbox_message where subject = ? and payload->>'kind' = ? and payload->'params'->>'sacrificeId' = ?`,
          [Subject.NotificationSend, kind, sacrificeId],
        )
      ).length;
    await sacrificeStatus('PERFORMED', [order.id], sacrificeId);
    assert.equal(await statusOf(order.id), 'SACRIFICED');
    assert.equal(await notices('SACRIFICE_PERFORMED'), 1);
    await sacrificeStatus('ALLOCATED', [order.id], sacrificeId);
    assert.equal(await statusOf(order.id), 'SACRIFICED', 'the late event does not move the order back');
    assert.equal(await notices('SHARE_ALLOCATED'), 1, 'but the donor hears of the allocation');
    await sacrificeStatus('ALLOCATED', [order.id], sacrificeId);
    await sacrificeStatus('PERFORMED', [order.id], sacrificeId);
    assert.equal(await notices('SHARE_ALLOCATED'), 1, 'a repeated event tells no one again');
    assert.equal(await notices('SACRIFICE_PERFORMED'), 1);
  });

  it('resolves 50 order references with one SQL query per table', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(...(await Promise.all(Array.from({ length: 10 }, () => place(['Name']).then((o) => o.id)))));
    // Each order tells its donor (ORDER_PLACED): let those feed entries land before counting queries.
    await eventually(
      async () =>
        (await h.rows(`select 1 from notification where params->>'orderId' in (?)`, [ids])).length === ids.length,
      15_000,
    );
    h.sql.length = 0;
    const res = await h.call(
      organizer,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id donor { id language } payments { id } } } }`,
      {
        r: ids.map((id) => ({ __typename: 'Order', id })),
      },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(
      res.data._entities.map((o: { id: string }) => o.id),
      ids,
    );
    // The ORM logger colours its lines; strip the escape codes before matching.
    const statements = h.sql.map((line) => line.replace(/\x1b\[[0-9;]*m/g, ''));
    const selectsFrom = (table: string) =>
      statements.filter((q) => /\bselect\b/i.test(q) && q.includes(`from "${table}"`)).length;
    assert.equal(selectsFrom('donor_order'), 1, h.sql.join('\n'));
    assert.equal(selectsFrom('donor'), 1);
    assert.equal(selectsFrom('payment'), 1);
  });
});
