import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AuditChainsDocument,
  AuditTrailDocument,
  mergeAuditTrails,
  ReplayDonorDeadLetterDocument,
  SetSharePriceDocument,
  StartCardPaymentDocument,
} from '@qurbani/sdk';
import Stripe from 'stripe';
import { startFakeStripe } from './support/fake-stripe.js';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';

const SECRET_KEY = `sk_test_${'4eC39HqLyjWDarjtT1zdp7dc'.repeat(2)}`;
const WEBHOOK_SECRET = `whsec_${'test0123456789abcdef'.repeat(2)}`;

describe('the audit trail of money: prices, card payments, refunds and dead-letter replays, one record each', () => {
  let system: System;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let organizer: Actor;
  let donor: Actor;
  let siteId: string;
  const stripe = new Stripe(SECRET_KEY);

  const records = async (scope: string, action: string) =>
    mergeAuditTrails(await organizer.client.request(AuditTrailDocument, { action, limit: 500 })).filter(
      (r) => r.scope === scope,
    );
  /** Runs `change` and checks it left exactly one `scope`/`action` record naming `entityId`. */
  const oneRecord = async (scope: string, action: string, change: () => Promise<string>) => {
    const before = (await records(scope, action)).length;
    const entityId = await change();
    await eventually(async () => (await records(scope, action)).length > before, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would show by now
    const now = await records(scope, action);
    assert.equal(now.length - before, 1, `${action}: ${JSON.stringify(now.slice(0, 2))}`);
    assert.ok(now[0]!.entityIds.includes(entityId), `${action} names ${entityId}: ${now[0]!.entityIds}`);
    assert.doesNotMatch(JSON.stringify(now[0]), /pi_|evt_|Amina|Yusuf/, 'no payer reference, event id or name');
    return now[0]!;
  };
  const deliver = async (event: Record<string, unknown>) => {
    const payload = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await fetch(new URL('/webhooks/stripe', system.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    });
    return ((await res.json()) as { result?: string }).result;
  };
  const event = (type: string, object: Record<string, unknown>) => ({
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const intent = (type: string, pi: string, amount: number, orderId: string) =>
    event(type, {
      id: pi,
      object: 'payment_intent',
      amount,
      amount_received: type === 'payment_intent.succeeded' ? amount : 0,
      currency: 'gbp',
      metadata: { orderId },
      status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method',
    });
  const cardOrder = async (names: string[]) => {
    const order = await placeOrder(donor, 'SHEEP', names);
    const { startCardPayment } = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
    return { orderId: order.id, pi: startCardPayment.reference, amount: startCardPayment.amountMinor };
  };

  before(async () => {
    fake = await startFakeStripe(SECRET_KEY);
    system = await startSystem({
      overrides: { donor: { stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url } } },
    });
    organizer = await signInOrganizer(system);
    ({ siteId } = await createSeasonAndSite(organizer, system));
    donor = await registerDonor(system, 'Amina');
  });
  after(async () => {
    await system?.close();
    await fake?.close();
  });

  it('sacrifice: price.set, with the price before and after', async () => {
    const record = await oneRecord('sacrifice', 'price.set', async () => {
      const { setSharePrice } = await organizer.client.request(SetSharePriceDocument, {
        input: { siteId, species: 'GOAT', amountMinor: 31_000, currency: 'GBP' },
      });
      return setSharePrice.id;
    });
    assert.match(JSON.stringify(record.before), /25000/);
    assert.match(JSON.stringify(record.after), /31000/);
  });

  it('donor: payment.card-started once, even when the donor asks twice for the pending payment', async () => {
    const order = await placeOrder(donor, 'SHEEP', ['Yusuf']);
    await oneRecord('donor', 'payment.card-started', async () => {
      const first = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
      const again = await donor.client.request(StartCardPaymentDocument, { orderId: order.id });
      assert.equal(again.startCardPayment.reference, first.startCardPayment.reference);
      return order.id;
    });
  });

  it('donor: payment.succeeded once for a webhook delivered twice; payment.failed', async () => {
    const paid = await cardOrder(['Yusuf']);
    const succeeded = intent('payment_intent.succeeded', paid.pi, paid.amount, paid.orderId);
    await oneRecord('donor', 'payment.succeeded', async () => {
      assert.equal(await deliver(succeeded), 'applied');
      assert.equal(await deliver(succeeded), 'duplicate');
      return paid.orderId;
    });
    const declined = await cardOrder(['Yusuf']);
    await oneRecord('donor', 'payment.failed', async () => {
      assert.equal(
        await deliver(intent('payment_intent.payment_failed', declined.pi, declined.amount, declined.orderId)),
        'applied',
      );
      return declined.orderId;
    });
  });

  it('a refund: donor payment.refunded, then sacrifice order.refund-applied', async () => {
    const order = await cardOrder(['Yusuf']);
    assert.equal(await deliver(intent('payment_intent.succeeded', order.pi, order.amount, order.orderId)), 'applied');
    const refundApplied = records('sacrifice', 'order.refund-applied');
    const before = (await refundApplied).length;
    await oneRecord('donor', 'payment.refunded', async () => {
      const refund = event('charge.refunded', {
        id: `ch_${order.pi}`,
        object: 'charge',
        amount: order.amount,
        amount_refunded: order.amount,
        currency: 'gbp',
        payment_intent: order.pi,
        metadata: {},
        refunded: true,
      });
      assert.equal(await deliver(refund), 'applied');
      return order.orderId;
    });
    const applied = await eventually(async () => {
      const now = await records('sacrifice', 'order.refund-applied');
      return now.length > before && now;
    }, 20_000);
    assert.equal(applied.length - before, 1);
    assert.ok(applied[0]!.entityIds.includes(order.orderId));
  });

  it('donor: dead-letter.replayed, once even when two organizers press replay', async () => {
    // A price announcement the donor subgraph gave up on (stale: replaying it changes no price).
    const db = system.subgraphs.donor!.orm.em.getConnection();
    const id = randomUUID();
    await db.execute(
      `insert into dead_letter (id, consumer, subject, message_id, payload, deliveries, error, created_at)
       values (?, 'donor-price-set', 'sacrifice.price-set', ?, ?, 5, 'handler failed', now())`,
      [
        id,
        randomUUID(),
        JSON.stringify({
          siteId,
          seasonId: randomUUID(),
          species: 'SHEEP',
          amountMinor: 1,
          currency: 'GBP',
          version: 0,
        }),
      ],
    );
    await oneRecord('donor', 'dead-letter.replayed', async () => {
      const both = await Promise.all([
        organizer.client.execute(ReplayDonorDeadLetterDocument, { id }),
        organizer.client.execute(ReplayDonorDeadLetterDocument, { id }),
      ]);
      assert.equal(both.filter((r) => !r.errors).length, 1, 'one replay wins');
      return id;
    });
    const chains = await organizer.client.request(AuditChainsDocument, {});
    for (const [name, chain] of Object.entries(chains))
      assert.equal(chain.valid, true, `${name} ${JSON.stringify(chain)}`);
  });
});
