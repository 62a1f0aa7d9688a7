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

/** Providers whose payments and refunds move only by their own signed events, never by hand. */
export const CARD_PROVIDERS: ReadonlySet<string> = new Set(['stripe']);

/** The card was refused by the provider (declined, expired...): the donor can try another card. */
export class CardDeclined extends Error {
  constructor(
    readonly reference: string | null,
    readonly reason: string,
  ) {
    super(`card declined: ${reason}`);
  }
}

/** The provider would not refund (already refunded, more than is left...): its own words. */
export class RefundRefused extends Error {}

/** A webhook whose signature did not verify (forged, replayed too late, wrong secret). */
export class BadWebhookSignature extends Error {}

/**
 * A card payment provider. The Stripe adapter is the one shipped (`stripe.provider.ts`); another
 * provider implements the same calls.
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
  /**
   * Asks for a refund of the payment `reference`; the same `idempotencyKey` asks once. The money moves
   * only when the provider's signed refund event arrives. May throw {@link RefundRefused}.
   */
  refund(input: { reference: string; amountMinor: number; idempotencyKey: string }): Promise<{ id: string }>;
  /** Checks the signature over the raw body; 'ignored' for event types that move no payment. */
  verify(rawBody: Buffer, signature: string | undefined): VerifiedProviderEvent | 'ignored';
}
