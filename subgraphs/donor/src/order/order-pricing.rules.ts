import { badInput } from '@qurbani/kit';

/** Largest donation one order may add, in minor units: a typo guard, far above any real gift. */
const MAX_DONATION_MINOR = 100_000_000;

/**
 * PRODUCT rule "Money", the donor's side: an order costs its shares times the charity's price of a
 * share, plus a donation the donor may add; the donor never sets the price. Integers in minor units.
 */
export function orderAmount(shareCount: number, unitPriceMinor: number, donationMinor: number): number {
  const amount = shareCount * unitPriceMinor + donationMinor;
  if (!Number.isSafeInteger(amount) || amount > 2_147_483_647) throw badInput('This order is too large.', 'shares');
  return amount;
}

/** A donation is optional, whole and not negative. */
export function validDonation(donationMinor: number | null | undefined): number {
  const donation = donationMinor ?? 0;
  if (!Number.isSafeInteger(donation) || donation < 0 || donation > MAX_DONATION_MINOR)
    throw badInput(`A donation is a whole number of minor units from 0 to ${MAX_DONATION_MINOR}.`, 'donationMinor');
  return donation;
}

/** An amount or currency sent by a client is a client choosing the price: refused, never ignored. */
export function refuseClientPrice(input: { amountMinor?: number | null; currency?: string | null }): void {
  if (input.amountMinor !== undefined && input.amountMinor !== null)
    throw badInput(
      "The charity sets the price: leave out amountMinor (the order costs its shares at the site's price; add a gift with donationMinor).",
      'amountMinor',
    );
  if (input.currency !== undefined && input.currency !== null)
    throw badInput("Leave out currency: an order is paid in its site's currency.", 'currency');
}
