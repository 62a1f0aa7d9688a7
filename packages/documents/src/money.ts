/**
 * An amount in minor units with its ISO 4217 code, e.g. `1,250.00 SAR` or `3,000 JPY`: Western
 * digits in every language, so an auditor (and `pdftotext`) reads the same figure on each copy.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    amountMinor / 10 ** digits,
  );
  return `${major} ${currency}`;
}
