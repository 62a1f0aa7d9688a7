import { Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SITE, startHarness, viewerOf, type Harness } from './harness.js';

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { id status cancellationStatus cancellationReason } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status cancellationStatus cancellationReason } }`;
const PAY = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id paymentStatus } }`;

describe('a donor cancelling an order, decided by the sacrifice subgraph', () => {
  let h: Harness;
  const amina = viewerOf(Role.DONOR);
  const organizer = viewerOf(Role.ORGANIZER);
  const place = async (): Promise<string> => {
    const res = await h.call(amina, PLACE, {
      input: {
        clientRequestId: randomUUID(),
        species: 'SHEEP',
        shares: ['Amina Benali'],
        siteId: SITE,
      },
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data.placeOrder.id;
  };
  const order = async (id: string) => (await h.call(amina, ORDER, { id })).data.order;
  const outbox = async (subject: string, orderId: string) =>
    (await h.rows(`select 1 from outbox_message where subject = ? and payload->>'orderId' = ?`, [subject, orderId]))
      .length;

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  it('keeps the order PLACED with the cancellation REQUESTED until the sacrifice subgraph answers', async () => {
    const id = await place();
    const res = await h.call(amina, CANCEL, { id });
    assert.deepEqual(res.data.cancelOrder, {
      id,
      status: 'PLACED',
      cancellationStatus: 'REQUESTED',
      cancellationReason: null,
    });
    assert.equal(await outbox('order.cancel-requested', id), 1);
    assert.equal(await outbox('order.cancelled', id), 0, 'not cancelled before the decision');
    const again = await h.call(amina, CANCEL, { id });
    assert.equal(again.data.cancelOrder.cancellationStatus, 'REQUESTED');
    assert.equal(await outbox('order.cancel-requested', id), 1, 'a repeated cancel asks once');
  });

  it('cancels the order once the sacrifice subgraph confirms it released every share', async () => {
    const id = await place();
    await h.call(amina, CANCEL, { id });
    await h.decideCancel(id, 'CONFIRMED');
    assert.deepEqual(await order(id), {
      id,
      status: 'CANCELLED',
      cancellationStatus: 'CONFIRMED',
      cancellationReason: null,
    });
    assert.equal(await outbox('order.cancelled', id), 1);
    await h.decideCancel(id, 'REFUSED');
    assert.equal((await order(id)).status, 'CANCELLED', 'a late or repeated decision changes nothing');
  });

  it('leaves the order as it was, with the reason, when its shares were already allocated', async () => {
    const id = await place();
    await h.call(amina, CANCEL, { id });
    await h.decideCancel(id, 'REFUSED');
    const refused = await order(id);
    assert.equal(refused.status, 'PLACED');
    assert.equal(refused.cancellationStatus, 'REFUSED');
    assert.match(refused.cancellationReason, /already allocated to an animal/);
    assert.equal(await outbox('order.cancelled', id), 0);
  });

  it('refuses a payment while the cancellation is being decided, and records none', async () => {
    const id = await place();
    await h.call(amina, CANCEL, { id });
    const paid = await h.call(organizer, PAY, {
      input: { orderId: id, amountMinor: 25_000, currency: 'EUR', provider: 'bank-transfer', reference: `pi_${id}` },
    });
    assert.equal(paid.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.match(paid.errors![0]!.message, /asked to cancel/);
    assert.equal((await h.rows('select 1 from payment where order_id = ?', [id])).length, 0);
  });
});
