import Stripe from 'stripe';
import {
  BadWebhookSignature,
  CardDeclined,
  RefundRefused,
  type PaymentProvider,
  type StartedCardPayment,
  type VerifiedProviderEvent,
} from './payment-provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another API origin (a local test server); Stripe's own when unset. */
  apiUrl?: string;
}

/** Where the Stripe client sends its requests, from `apiUrl`. */
function endpoint(apiUrl: string | undefined) {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  return {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol.replace(':', '') as 'http' | 'https',
  };
}

/** Card payments through Stripe PaymentIntents; the donor's app confirms them with the client secret. */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    // Retries reuse the idempotency key, so a retried create never makes a second PaymentIntent.
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...endpoint(settings.apiUrl),
    });
  }

  async start(input: Parameters<PaymentProvider['start']>[0]): Promise<StartedCardPayment> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          metadata: { orderId: input.orderId },
          ...(input.paymentMethod ? { payment_method: input.paymentMethod, confirm: true } : {}),
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { reference: intent.id, clientSecret: intent.client_secret ?? '', providerStatus: intent.status };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError)
        throw new CardDeclined(error.payment_intent?.id ?? null, error.decline_code ?? error.code ?? 'card_declined');
      throw error;
    }
  }

  async refund(input: Parameters<PaymentProvider['refund']>[0]): Promise<{ id: string }> {
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: input.reference, amount: input.amountMinor, reason: 'requested_by_customer' },
        { idempotencyKey: input.idempotencyKey },
      );
      return { id: refund.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new RefundRefused(error.message);
      throw error;
    }
  }

  verify(rawBody: Buffer, signature: string | undefined): VerifiedProviderEvent | 'ignored' {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.settings.webhookSecret);
    } catch {
      throw new BadWebhookSignature('The Stripe signature did not verify.');
    }
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        return {
          id: event.id,
          type: event.type,
          reference: intent.id,
          orderId: intent.metadata?.orderId ?? null,
          amountMinor: event.type === 'payment_intent.succeeded' ? intent.amount_received : intent.amount,
          currency: intent.currency.toUpperCase(),
          outcome: { kind: event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed' },
        };
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const reference = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
        if (!reference) return 'ignored';
        return {
          id: event.id,
          type: event.type,
          reference,
          orderId: charge.metadata?.orderId ?? null,
          amountMinor: charge.amount,
          currency: charge.currency.toUpperCase(),
          outcome: { kind: 'refunded', amountRefundedMinor: charge.amount_refunded },
        };
      }
      default:
        return 'ignored';
    }
  }
}
