import { Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SITE, startHarness, viewerOf, type Harness } from './harness.js';

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id species shareCount shares { id index offeredFor } amountMinor currency status paymentStatus donor { id } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status shares { offeredFor } } }`;
const MY_ORDERS = `query($first: Int, $after: String) { myOrders(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { id status } }`;
const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id paymentStatus payments { amountMinor provider reference status } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }`;

const sheep = (shares: string[], extra: Record<string, unknown> = {}) => ({
  clientRequestId: randomUUID(),
  species: 'SHEEP',
  shares,
  siteId: SITE,
  ...extra,
});

describe('donor orders', () => {
  let h: Harness;
  const amina = viewerOf(Role.DONOR);
  const karim = viewerOf(Role.DONOR);
  const organizer = viewerOf(Role.ORGANIZER);
  const executor = viewerOf(Role.EXECUTOR);
  const place = async (viewer = amina, input = sheep(['Amina Benali'])) => {
    const res = await h.call(viewer, PLACE, { input });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.placeOrder;
  };
  const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('places an order with one named share per animal and shows it back to the donor', async () => {
    const order = await place(amina, sheep(['Amina Benali', '  Youssef Benali ']));
    assert.equal(order.shareCount, 2);
    assert.deepEqual(
      order.shares.map((s: { index: number; offeredFor: string }) => [s.index, s.offeredFor]),
      [
        [0, 'Amina Benali'],
        [1, 'Youssef Benali'],
      ],
    );
    assert.equal(order.currency, 'EUR');
    assert.equal(order.amountMinor, 50_000, "two shares at the site's price");
    assert.equal(order.status, 'PLACED');
    assert.equal(order.paymentStatus, 'PENDING');
    assert.equal(order.donor.id, amina.id, 'the donor profile was created on first use');
    const read = await h.call(amina, ORDER, { id: order.id });
    assert.equal(read.data.order.id, order.id);
  });

  it('accepts any positive number of cow or camel shares (sevenths of an animal)', async () => {
    const order = await place(amina, { ...sheep(Array.from({ length: 10 }, (_, i) => `Name ${i}`)), species: 'COW' });
    assert.equal(order.species, 'COW');
    assert.equal(order.shareCount, 10);
  });

  it('gives back the same order when the donor retries with the same clientRequestId, even concurrently', async () => {
    const input = sheep(['Fatima Zahra']);
    const [a, b] = await Promise.all([place(amina, input), place(amina, input)]);
    const c = await place(amina, input);
    assert.equal(a.id, b.id);
    assert.equal(a.id, c.id);
    const [{ count }] = await h.rows<{ count: string }>(
      `select count(*) from donor_order where client_request_id = ?`,
      [input.clientRequestId],
    );
    assert.equal(Number(count), 1);
    const reused = await h.call(amina, PLACE, { input: { ...input, shares: ['Somebody Else'] } });
    assert.equal(codeOf(reused), 'CONFLICT', 'a reused key with another order is refused');
  });

  it('refuses bad orders with BAD_USER_INPUT and writes nothing', async () => {
    const [{ before: ordersBefore }] = await h.rows<{ before: string }>(`select count(*) as before from donor_order`);
    const [{ before: eventsBefore }] = await h.rows<{ before: string }>(
      `select count(*) as before from outbox_message where subject like 'order.%'`,
    );
    const stranger = viewerOf(Role.DONOR);
    const bad = [
      sheep([]),
      sheep(Array.from({ length: 101 }, (_, i) => `N${i}`)),
      sheep(['   ']),
      sheep(['x'.repeat(121)]),
      sheep(['Ali'], { amountMinor: 25_000 }),
      sheep(['Ali'], { donationMinor: -500 }),
      sheep(['Ali'], { currency: 'EUR' }),
      sheep(['Ali'], { siteId: randomUUID() }),
      sheep(['Ali'], { clientRequestId: ' ' }),
    ];
    for (const input of bad)
      assert.equal(
        codeOf(await h.call(stranger, PLACE, { input })),
        'BAD_USER_INPUT',
        JSON.stringify(input).slice(0, 80),
      );
    const [{ after: ordersAfter }] = await h.rows<{ after: string }>(`select count(*) as after from donor_order`);
    const [{ after: eventsAfter }] = await h.rows<{ after: string }>(
      `select count(*) as after from outbox_message where subject like 'order.%'`,
    );
    assert.equal(ordersAfter, ordersBefore);
    assert.equal(eventsAfter, eventsBefore);
    assert.equal((await h.rows(`select * from donor where id = ?`, [stranger.id])).length, 0, 'no donor row either');
    assert.equal(codeOf(await h.call(amina, ORDER, { id: 'not-an-id' })), 'BAD_USER_INPUT');
  });

  it("never shows one donor another donor's orders, by id, by list or by reference", async () => {
    const mine = await place(amina);
    const theirs = await place(karim, sheep(['Karim Idrissi']));
    assert.equal(codeOf(await h.call(karim, ORDER, { id: mine.id })), 'NOT_FOUND');
    assert.equal(
      codeOf(await h.call(karim, ORDER, { id: '01936f0e-0000-7000-8000-000000000000' })),
      'NOT_FOUND',
      'same answer as a missing order',
    );
    assert.equal(codeOf(await h.call(karim, CANCEL, { id: mine.id })), 'NOT_FOUND');
    const list = await h.call(karim, MY_ORDERS, { first: 100 });
    assert.deepEqual(
      list.data.myOrders.edges.map((e: { node: { id: string } }) => e.node.id),
      [theirs.id],
    );
    const ref = await h.call(karim, ENTITIES, {
      r: [
        { __typename: 'Order', id: mine.id },
        { __typename: 'Order', id: theirs.id },
      ],
    });
    assert.deepEqual(ref.data._entities, [null, { id: theirs.id }]);
    assert.equal(
      (await h.call(organizer, ORDER, { id: mine.id })).data.order.id,
      mine.id,
      'organizers see every order',
    );
    const staff = await h.call(executor, ENTITIES, { r: [{ __typename: 'Order', id: mine.id }] });
    assert.deepEqual(
      staff.data._entities,
      [null],
      'field staff work on sacrifices; an order (amount, payments) is not theirs to open',
    );
    assert.equal(codeOf(await h.call(karim, `{ orders { edges { node { id } } } }`)), 'FORBIDDEN');
  });

  it("pages a donor's orders newest first without repeats", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await h.call(amina, MY_ORDERS, { first: 2, after });
      seen.push(...res.data.myOrders.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data.myOrders.pageInfo.hasNextPage) break;
      after = res.data.myOrders.pageInfo.endCursor;
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(seen, [...seen].sort().reverse());
    const [{ count }] = await h.rows<{ count: string }>(`select count(*) from donor_order where donor_id = ?`, [
      amina.id,
    ]);
    assert.equal(seen.length, Number(count));
  });

  it('marks an order paid once payments cover it, and refuses the same provider reference twice', async () => {
    const order = await place(amina, sheep(['Omar'], { donationMinor: 5_000 }));
    const pay = (amountMinor: number, reference: string, viewer = organizer) =>
      h.call(viewer, PAY, {
        input: { orderId: order.id, amountMinor, currency: 'EUR', provider: 'bank-transfer', reference },
      });
    assert.equal(codeOf(await pay(30_000, 'pi_self', amina)), 'FORBIDDEN', 'donors cannot record payments');
    const first = await pay(10_000, `pi_${order.id}_1`);
    assert.equal(first.data.recordPayment.paymentStatus, 'PENDING');
    const second = await pay(20_000, `pi_${order.id}_2`);
    assert.equal(second.data.recordPayment.paymentStatus, 'PAID');
    assert.equal(second.data.recordPayment.payments.length, 2);
    assert.equal(codeOf(await pay(20_000, `pi_${order.id}_2`)), 'CONFLICT');
    assert.equal(codeOf(await h.call(amina, CANCEL, { id: order.id })), 'CONFLICT', 'a paid order is not cancelled');
  });

  it("prices an order from the charity's newest price plus the donor's donation, never an older price", async () => {
    const site = randomUUID();
    await h.price(site, 'COW', 90_000, 'PKR', 2);
    await h.price(site, 'COW', 70_000, 'PKR', 1).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const order = await place(amina, {
      ...sheep(['Yusuf', 'Khadija'], { siteId: site, donationMinor: 1_500 }),
      species: 'COW',
    });
    assert.equal(order.amountMinor, 2 * 90_000 + 1_500);
    assert.equal(order.currency, 'PKR');
  });

  it('announces order.paid once, when payments first cover the order', async () => {
    const order = await place(amina, sheep(['Hafsa']));
    for (const ref of ['a', 'b'])
      await h.call(organizer, PAY, {
        input: {
          orderId: order.id,
          amountMinor: 25_000,
          currency: 'EUR',
          provider: 'cash',
          reference: `${ref}-${order.id}`,
        },
      });
    const rows = await h.rows(`select 1 from outbox_message where subject = 'order.paid' and payload->>'orderId' = ?`, [
      order.id,
    ]);
    assert.equal(rows.length, 1);
  });
});
