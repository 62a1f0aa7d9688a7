import { badInput } from '@qurbani/kit';

/** Most minor units a share may cost: above any real price, even in currencies of many minor units (kobo, paisa). */
const MAX_SHARE_PRICE_MINOR = 100_000_000;

/**
 * PRODUCT rule "Money", the charity's side: a share's price is a whole, positive number of minor
 * units in an ISO 4217 currency, and a site sells in one currency (its own) for every species.
 */
export function validSharePrice(
  amountMinor: number,
  currency: string,
  siteCurrency: string | null,
): { amountMinor: number; currency: string } {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > MAX_SHARE_PRICE_MINOR)
    throw badInput(
      `The price must be a whole number of minor units from 1 to ${MAX_SHARE_PRICE_MINOR}.`,
      'amountMinor',
    );
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    throw badInput('The currency must be a 3-letter ISO 4217 code such as PKR.', 'currency');
  if (siteCurrency !== null && siteCurrency !== code)
    throw badInput(`This site sells in ${siteCurrency}; every species of a site has the same currency.`, 'currency');
  return { amountMinor, currency: code };
}
