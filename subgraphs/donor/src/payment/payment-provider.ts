import type { ProviderOutcome } from './payment-state.rules.js';

/** A card payment the donor now confirms on their device with `clientSecret`. */
export interface StartedCardPayment {
  /** The provider's id of the payment (a Stripe PaymentIntent id). */
  reference: string;
  /** Handed to the donor's app only; never stored. */
  clientSecret: string;
  /** The provider's own status at creation (Stripe: requires_payment_method, succeeded...). */
  providerStatus: string;
}

/** A webhook event whose signature verified, reduced to what moves a payment. */
export interface VerifiedProviderEvent {
  id: string;
  type: string;
  /** The provider's payment id the event is about. */
  reference: string;
  /** The order id we put in the payment's metadata, if any. */
  orderId: string | null;
  amountMinor: number;
  currency: string;
  outcome: ProviderOutcome;
}

/** The card was refused by the provider (declined, expired...): the donor can try another card. */
export class CardDeclined extends Error {
  constructor(
    readonly reference: string | null,
    readonly reason: string,
  ) {
    super(`card declined: ${reason}`);
  }
}

/** A webhook whose signature did not verify (forged, replayed too late, wrong secret). */
export class BadWebhookSignature extends Error {}

/**
 * A card payment provider. The Stripe adapter is the one shipped (`stripe.provider.ts`); another
 * provider implements the same three calls.
 */
export interface PaymentProvider {
  readonly name: string;
  /**
   * Creates (or, for the same `idempotencyKey`, finds again) a payment of the order's amount.
   * With `paymentMethod` it is confirmed at once and may throw {@link CardDeclined}.
   */
  start(input: {
    orderId: string;
    amountMinor: number;
    currency: string;
    idempotencyKey: string;
    paymentMethod?: string;
  }): Promise<StartedCardPayment>;
  /** Checks the signature over the raw body; 'ignored' for event types that move no payment. */
  verify(rawBody: Buffer, signature: string | undefined): VerifiedProviderEvent | 'ignored';
}
