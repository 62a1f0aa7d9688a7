/** What identity last announced about an account (null: never announced, so not staff). */
export interface KnownAccount {
  readonly roles: readonly string[];
  readonly disabled: boolean;
}

/** Why an account cannot drive a route (null when it can): an enabled DRIVER who works at every site served. */
export function whyNotDriver(
  account: KnownAccount | null,
  sites: readonly string[],
  sitesDriven: ReadonlySet<string>,
): string | null {
  if (!account || !account.roles.includes('DRIVER')) return 'This account does not hold the DRIVER role.';
  if (account.disabled) return 'This account is disabled.';
  const elsewhere = sites.filter((s) => !sitesDriven.has(s));
  if (elsewhere.length) return `This driver does not work at site ${elsewhere.join(', ')}; add them to it first.`;
  return null;
}
