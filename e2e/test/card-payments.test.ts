import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import { OrderMoneyDocument, StartCardPaymentDocument, type ApiResult } from '@qurbani/sdk';
import Stripe from 'stripe';
import { startFakeStripe } from './support/fake-stripe.js';
import {
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  stripeEvents,
  stripeWebhookSender,
} from './support/stripe-webhooks.js';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';

const SECRET_KEY = STRIPE_SECRET_KEY;
const WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET;
const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;

describe('card payments through Stripe: only signed events move money, once, in any order', () => {
  let system: System;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let donor: Actor;
  let webhookUrl: string;

  let deliver: ReturnType<typeof stripeWebhookSender>;
  const intentEvent = stripeEvents.intent;
  const refundEvent = stripeEvents.refund;
  const money = async (orderId: string) => (await donor.client.request(OrderMoneyDocument, { id: orderId })).order;
  const outbox = async (subject: string, orderId: string) =>
    (
      await system.subgraphs
        .donor!.orm.em.fork()
        .getConnection()
        .execute(`select 1 from outbox_message where subject = ? and payload->>'orderId' = ?`, [subject, orderId])
    ).length;

  before(async () => {
    fake = await startFakeStripe(SECRET_KEY);
    system = await startSystem({
      overrides: { donor: { stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url } } },
    });
    webhookUrl = new URL('/webhooks/stripe', system.gateway.url).toString();
    deliver = stripeWebhookSender(webhookUrl);
    await createSeasonAndSite(await signInOrganizer(system), system);
    donor = await registerDonor(system, 'Amina');
  });
  after(async () => {
    await system?.close();
    await fake?.close();
  });

  it('orders 2 cow shares at the listed price and is marked PAID exactly once by the signed webhook, delivered twice', async () => {
    const order = await placeOrder(donor, 'COW', ['Yusuf Ali', 'Khadija Ali']);
    assert.equal(order.amountMinor, 50_000, '2 shares at 25,000 GBP minor units');
    const { startCardPayment: started } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    assert.deepEqual([started.provider, started.amountMinor, started.currency], ['stripe', 50_000, 'GBP']);
    assert.match(started.clientSecret, /^pi_.+_secret_/);
    const create = fake.calls.at(-1)!;
    assert.deepEqual(
      [create.path, create.form.get('amount'), create.form.get('currency'), create.form.get('metadata[orderId]')],
      ['/v1/payment_intents', '50000', 'gbp', order.id],
      'the amount sent to Stripe is the order’s, computed by the charity',
    );
    const again = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    assert.equal(again.startCardPayment.reference, started.reference, 'a retry finds the same PaymentIntent');
    assert.equal(fake.calls.at(-1)!.idempotencyKey, create.idempotencyKey);
    assert.equal((await money(order.id)).paymentStatus, 'PENDING', 'not paid until Stripe says so');

    const succeeded = intentEvent('payment_intent.succeeded', started.reference, 50_000, order.id);
    assert.equal((await deliver(succeeded)).body.result, 'applied');
    assert.equal((await deliver(succeeded)).body.result, 'duplicate', 'the same event id changes nothing');
    const paid = await money(order.id);
    assert.equal(paid.paymentStatus, 'PAID');
    assert.deepEqual(
      paid.payments.map((p) => [p.provider, p.reference, p.status, p.amountMinor]),
      [['stripe', started.reference, 'PAID', 50_000]],
    );
    assert.equal(await outbox('order.paid', order.id), 1, 'the sacrifice subgraph is told once');
    // Once paid, the order's shares are allocatable in the sacrifice subgraph.
    await eventually(
      async () =>
        (
          await system.subgraphs
            .sacrifice!.orm.em.fork()
            .getConnection()
            .execute('select 1 from paid_order where order_id = ?', [order.id])
        ).length === 1,
    );
  });

  it('changes nothing for a forged or unsigned webhook', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Bilal']);
    const { startCardPayment: started } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    const forged = intentEvent('payment_intent.succeeded', started.reference, 25_000, order.id);
    assert.equal((await deliver(forged, 'whsec_an_attackers_guess_0123456789abcdef')).status, 400);
    assert.equal((await deliver(forged, null)).status, 400);
    const tampered = JSON.stringify(forged);
    const header = new Stripe(SECRET_KEY).webhooks.generateTestHeaderString({
      payload: tampered,
      secret: WEBHOOK_SECRET,
    });
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body: tampered.replace('25000', '1'),
    });
    assert.equal(res.status, 400, 'a body changed after signing does not verify');
    assert.equal((await money(order.id)).paymentStatus, 'PENDING');
    assert.equal((await deliver(forged)).body.result, 'applied', 'the same event, properly signed, is applied');
  });

  it('keeps a refunded payment refunded when the success arrives after the refund', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Hafsa']);
    const { startCardPayment: started } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    assert.equal((await deliver(refundEvent(started.reference, 25_000, 25_000))).body.result, 'applied');
    await deliver(intentEvent('payment_intent.succeeded', started.reference, 25_000, order.id));
    const after = await money(order.id);
    assert.equal(after.paymentStatus, 'REFUNDED');
    assert.deepEqual(
      after.payments.map((p) => [p.status, p.refundedMinor]),
      [['REFUNDED', 25_000]],
    );
    assert.equal(await outbox('order.paid', order.id), 0, 'never offered for allocation');
  });

  it('records partial refunds by their running total and tells the sacrifice subgraph the order is no longer covered', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Omar']);
    const { startCardPayment: started } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    await deliver(intentEvent('payment_intent.succeeded', started.reference, 25_000, order.id));
    await deliver(refundEvent(started.reference, 25_000, 10_000));
    await deliver(refundEvent(started.reference, 25_000, 4_000)); // an older total, delivered late
    const after = await money(order.id);
    assert.equal(after.paymentStatus, 'PARTIALLY_REFUNDED');
    assert.equal(after.payments[0]!.refundedMinor, 10_000);
    assert.equal(await outbox('order.refunded', order.id), 1);
  });

  it("refuses a declined card with Stripe's reason and marks the attempt FAILED; a new attempt gets a new PaymentIntent", async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Zainab']);
    const declined = await donor.client.execute(StartCardPaymentDocument, {
      orderId: order.id,
      paymentMethod: 'pm_card_chargeDeclined',
    });
    assert.equal(codeOf(declined), 'BAD_USER_INPUT');
    assert.match(declined.errors![0]!.message, /declined \(generic_decline\)/);
    const failed = await money(order.id);
    assert.deepEqual([failed.paymentStatus, failed.payments.map((p) => p.status)], ['FAILED', ['FAILED']]);
    const retry = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    assert.notEqual(retry.startCardPayment.reference, failed.payments[0]!.reference);
  });

  it("refuses to record a card payment by hand: only Stripe's signed events do", async () => {
    const organizer = await signInOrganizer(system);
    const order = await placeOrder(donor, 'SHEEP', ['Musa']);
    const { RecordPaymentDocument } = await import('@qurbani/sdk');
    const res = await organizer.client.execute(RecordPaymentDocument, {
      input: { orderId: order.id, amountMinor: 25_000, currency: 'GBP', provider: 'stripe', reference: 'pi_typed' },
    });
    assert.equal(codeOf(res), 'BAD_USER_INPUT');
  });
});
