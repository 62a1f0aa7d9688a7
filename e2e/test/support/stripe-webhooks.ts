import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

export const STRIPE_SECRET_KEY = `sk_test_${'4eC39HqLyjWDarjtT1zdp7dc'.repeat(2)}`;
export const STRIPE_WEBHOOK_SECRET = `whsec_${'test0123456789abcdef'.repeat(2)}`;

const eventId = () => `evt_${randomUUID().replaceAll('-', '')}`;
const created = () => Math.floor(Date.now() / 1000);

/** Stripe's events about a PaymentIntent and its charge, in the shapes its webhooks send. */
export const stripeEvents = {
  intent: (type: string, pi: string, amount: number, orderId: string) => ({
    id: eventId(),
    object: 'event',
    type,
    created: created(),
    data: {
      object: {
        id: pi,
        object: 'payment_intent',
        amount,
        amount_received: type === 'payment_intent.succeeded' ? amount : 0,
        currency: 'gbp',
        metadata: { orderId },
        status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method',
      },
    },
  }),
  /** `refunded` is the charge's running total, as `amount_refunded` is. */
  refund: (pi: string, amount: number, refunded: number) => ({
    id: eventId(),
    object: 'event',
    type: 'charge.refunded',
    created: created(),
    data: {
      object: {
        id: `ch_${pi}`,
        object: 'charge',
        amount,
        amount_refunded: refunded,
        currency: 'gbp',
        payment_intent: pi,
        metadata: {},
        refunded: refunded >= amount,
      },
    },
  }),
};

/**
 * Posts an event to the gateway's webhook path as Stripe would, signed with Stripe's own test helper
 * (`secret`, or not signed at all when null).
 */
export function stripeWebhookSender(webhookUrl: string) {
  const stripe = new Stripe(STRIPE_SECRET_KEY);
  return async (event: Record<string, unknown>, secret: string | null = STRIPE_WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret) headers['stripe-signature'] = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const res = await fetch(webhookUrl, { method: 'POST', headers, body: payload });
    return { status: res.status, body: (await res.json()) as { result?: string } };
  };
}
