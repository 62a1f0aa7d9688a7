import { SiteRole } from './site-role.js';

/** What identity last announced about an account (null: never announced, so not staff). */
export interface KnownAccount {
  readonly roles: readonly string[];
  readonly disabled: boolean;
}

/** Why an account cannot do `role` work (null when it can): it must hold the account role of that name and be enabled. */
export function whyNotStaff(account: KnownAccount | null, role: SiteRole): string | null {
  if (!account) return `This account is not a staff account with the ${role} role.`;
  if (account.disabled) return 'This account is disabled.';
  if (!account.roles.includes(role)) return `This account does not hold the ${role} role.`;
  return null;
}
