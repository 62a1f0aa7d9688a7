import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderMoneyDocument, RefundPaymentDocument, StartCardPaymentDocument, type ApiResult } from '@qurbani/sdk';
import Stripe from 'stripe';
import { startFakeStripe } from './support/fake-stripe.js';
import {
  createSeasonAndSite,
  createStaff,
  payAllOrders,
  placeOrder,
  registerDonor,
  signInOrganizer,
  type Actor,
} from './support/season.js';
import {
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  stripeEvents,
  stripeWebhookSender,
} from './support/stripe-webhooks.js';
import { startSystem, type System } from './support/system.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;

describe('organizers refund payments: offline at once, by card through Stripe, each refund once', () => {
  let system: System;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let organizer: Actor;
  let donor: Actor;
  let deliver: ReturnType<typeof stripeWebhookSender>;
  const refund = (paymentId: string, amountMinor: number, reference: string, actor = organizer) =>
    actor.client.execute(RefundPaymentDocument, {
      input: { paymentId, amountMinor, reference, reason: 'donor cancelled before allocation' },
    });
  const money = async (orderId: string) => (await donor.client.request(OrderMoneyDocument, { id: orderId })).order;
  const donorDb = (sql: string, params: unknown[]) =>
    system.subgraphs
      .donor!.orm.em.fork()
      .getConnection()
      .execute(sql, params as never[]);
  const audits = async (action: string, paymentId: string) =>
    (await donorDb(`select 1 from audit_record where action = ? and ? = any(entity_ids)`, [action, paymentId])).length;

  before(async () => {
    fake = await startFakeStripe(STRIPE_SECRET_KEY);
    system = await startSystem({
      overrides: {
        donor: { stripe: { secretKey: STRIPE_SECRET_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET, apiUrl: fake.url } },
      },
    });
    deliver = stripeWebhookSender(new URL('/webhooks/stripe', system.gateway.url).toString());
    organizer = await signInOrganizer(system);
    await createSeasonAndSite(organizer, system);
    donor = await registerDonor(system, 'Amina');
  });
  after(async () => {
    await system?.close();
    await fake?.close();
  });

  it('records money paid back offline at once, counts a repeated request once, and never refunds more than was paid', async () => {
    const order = await placeOrder(donor, 'COW', ['Yusuf Ali', 'Khadija Ali']);
    await payAllOrders(organizer);
    const [payment] = (await money(order.id)).payments;
    assert.equal(payment!.amountMinor, 50_000);

    const first = await refund(payment!.id, 20_000, 'bank-back-1');
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual(
      [first.data!.refundPayment.status, first.data!.refundPayment.refundedMinor],
      ['PARTIALLY_REFUNDED', 20_000],
    );
    const again = await refund(payment!.id, 20_000, 'bank-back-1');
    assert.equal(again.data!.refundPayment.refundedMinor, 20_000, 'the same reference is the same refund');
    assert.equal(again.data!.refundPayment.refunds.length, 1);
    assert.equal(codeOf(await refund(payment!.id, 5_000, 'bank-back-1')), 'CONFLICT', 'same reference, other amount');
    const tooMuch = await refund(payment!.id, 30_001, 'bank-back-2');
    assert.equal(codeOf(tooMuch), 'BAD_USER_INPUT');
    assert.match(tooMuch.errors![0]!.message, /At most 30000 minor units of GBP/);

    assert.equal((await money(order.id)).paymentStatus, 'PARTIALLY_REFUNDED');
    const rest = await refund(payment!.id, 30_000, 'bank-back-2');
    assert.deepEqual([rest.data!.refundPayment.status, rest.data!.refundPayment.refundedMinor], ['REFUNDED', 50_000]);
    assert.equal((await money(order.id)).paymentStatus, 'REFUNDED');
    assert.equal(codeOf(await refund(payment!.id, 1, 'bank-back-3')), 'CONFLICT', 'nothing is left');
    assert.equal(await audits('payment.refunded', payment!.id), 2, 'one audit record per refund');
    const told = await donorDb(
      `select 1 from outbox_message where subject = 'order.refunded' and payload->>'orderId' = ?`,
      [order.id],
    );
    assert.equal(told.length, 1, 'the sacrifice subgraph hears once that the order is no longer covered');
  });

  it('asks Stripe for a card refund once, and moves the payment only when the signed refund event arrives', async () => {
    const order = await placeOrder(donor, 'COW', ['Bilal Ahmed', 'Maryam Ahmed']);
    const { startCardPayment: started } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    // The donor's app confirms with the client secret; Stripe then sends its signed event.
    await new Stripe(STRIPE_SECRET_KEY, {
      host: '127.0.0.1',
      port: new URL(fake.url).port,
      protocol: 'http',
    }).paymentIntents.confirm(started.reference, { payment_method: 'pm_card_visa' });
    await deliver(stripeEvents.intent('payment_intent.succeeded', started.reference, 50_000, order.id));
    const [payment] = (await money(order.id)).payments;
    assert.equal(payment!.status, 'PAID');

    const asked = await refund(payment!.id, 20_000, 'goodwill-1');
    assert.equal(asked.errors, undefined, JSON.stringify(asked.errors));
    const call = fake.calls.at(-1)!;
    assert.deepEqual(
      [call.path, call.form.get('payment_intent'), call.form.get('amount')],
      ['/v1/refunds', started.reference, '20000'],
    );
    assert.match(call.idempotencyKey ?? '', /^refund-/);
    assert.deepEqual(
      [asked.data!.refundPayment.status, asked.data!.refundPayment.refundedMinor],
      ['PAID', 0],
      'not refunded until Stripe says so',
    );
    await refund(payment!.id, 20_000, 'goodwill-1');
    assert.equal(fake.calls.at(-1)!.idempotencyKey, call.idempotencyKey, 'a retry asks Stripe with the same key');

    await deliver(stripeEvents.refund(started.reference, 50_000, 20_000));
    const moved = (await money(order.id)).payments[0]!;
    assert.deepEqual([moved.status, moved.refundedMinor], ['PARTIALLY_REFUNDED', 20_000]);
    assert.equal(await audits('payment.refund-requested', payment!.id), 1);

    // Someone refunds the rest in Stripe's dashboard; its event has not arrived yet.
    const calls = fake.calls.length;
    await new Stripe(STRIPE_SECRET_KEY, {
      host: '127.0.0.1',
      port: new URL(fake.url).port,
      protocol: 'http',
    }).refunds.create({
      payment_intent: started.reference,
    });
    const refused = await refund(payment!.id, 10_000, 'goodwill-2');
    assert.equal(codeOf(refused), 'BAD_USER_INPUT');
    assert.match(refused.errors![0]!.message, /stripe refused the refund: .*Charge .* has already been refunded/);
    assert.equal(fake.calls.length, calls + 2, 'Stripe was asked');
    const after = (await money(order.id)).payments[0]!;
    assert.equal(after.refundedMinor, 20_000, 'a refused refund changes nothing');
    const tooMuch = await refund(payment!.id, 30_001, 'goodwill-3');
    assert.equal(codeOf(tooMuch), 'BAD_USER_INPUT');
    assert.equal(fake.calls.length, calls + 2, 'more than is left is refused before Stripe is asked');
  });

  it('lets only one of two organizers refund the last of a payment at the same moment', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Sumayya']);
    await payAllOrders(organizer);
    const [payment] = (await money(order.id)).payments;
    const answers = await Promise.all([refund(payment!.id, 20_000, 'desk-a'), refund(payment!.id, 20_000, 'desk-b')]);
    assert.deepEqual(answers.map(codeOf).sort(), ['BAD_USER_INPUT', undefined].sort());
    assert.equal((await money(order.id)).payments[0]!.refundedMinor, 20_000);
  });

  it('is for organizers only, and says what is wrong with an id', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Hafsa']);
    await payAllOrders(organizer);
    const [payment] = (await money(order.id)).payments;
    const executor = await createStaff(system, organizer, 'EXECUTOR', 'Idris the butcher');
    for (const actor of [donor, executor])
      assert.equal(codeOf(await refund(payment!.id, 100, 'mine', actor)), 'FORBIDDEN');
    assert.equal(codeOf(await refund('not-an-id', 100, 'x')), 'BAD_USER_INPUT');
    assert.equal(codeOf(await refund('0190a000-0000-7000-8000-000000000000', 100, 'x')), 'NOT_FOUND');
    assert.equal(codeOf(await refund(payment!.id, 0, 'zero')), 'BAD_USER_INPUT');
    assert.equal((await money(order.id)).payments[0]!.refundedMinor, 0);
  });
});
