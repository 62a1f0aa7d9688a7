import { sdlOnly, subgraphSchema, auditResolver, type EntityCache } from '@qurbani/kit';
import type { AccountCard } from './account/account-cards.js';
import { accountReference } from './account/account.reference.js';
import { AccountResolver } from './account/account.resolver.js';
import type { AccountService } from './account/account.service.js';
import { AccountAccessResolver } from './auth/account-access.resolver.js';
import type { AccountAccessService } from './auth/account-access.service.js';
import { AuthResolver } from './auth/auth.resolver.js';
import type { AuthService } from './auth/auth.service.js';

export interface IdentityServices {
  accounts: AccountService;
  auth: AuthService;
  access: AccountAccessService;
  /** Accounts' public fields, shared in Redis. */
  cards: EntityCache<AccountCard>;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildIdentitySchema(services?: IdentityServices) {
  const s = sdlOnly(services);
  return subgraphSchema({
    resolvers: [
      auditResolver('identity'),
      new AccountResolver(s.accounts),
      new AuthResolver(s.auth, s.accounts),
      new AccountAccessResolver(s.access),
    ],
    references: [accountReference(services?.cards)],
  });
}
