import { badInput } from '@qurbani/kit';

/** Integer minor units (cents, centimes), strictly positive. */
export function assertAmountMinor(amountMinor: number, field = 'amountMinor'): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)
    throw badInput('The amount must be a whole, positive number of minor units (e.g. cents).', field);
  return amountMinor;
}

/** ISO 4217 alphabetic code, upper-cased. */
export function normaliseCurrency(currency: string, field = 'currency'): string {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    throw badInput('The currency must be a 3-letter ISO 4217 code such as EUR or MAD.', field);
  return code;
}
