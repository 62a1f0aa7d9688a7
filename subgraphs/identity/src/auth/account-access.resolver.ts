import { assertId, requireRole, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.js';
import type { AccountAccessService } from './account-access.service.js';

@Resolver()
export class AccountAccessResolver {
  constructor(private readonly access: AccountAccessService) {}

  @Mutation(() => Account, {
    description: 'Organizers only: the account can no longer sign in, and every sign-in it has ends at once (its access tokens stop working, its live subscriptions end). Not your own account, nor the last organizer.',
  })
  disableAccount(@Arg('accountId', () => ID) accountId: string, @Ctx() ctx: SubgraphContext): Promise<Account> {
    const organizer = requireRole(ctx.viewer, Role.ORGANIZER);
    return this.access.disable(ctx.em, assertId(accountId, 'accountId'), organizer.id);
  }

  @Mutation(() => Account, { description: 'Organizers only: the account can sign in again (its old sessions stay ended).' })
  enableAccount(@Arg('accountId', () => ID) accountId: string, @Ctx() ctx: SubgraphContext): Promise<Account> {
    requireRole(ctx.viewer, Role.ORGANIZER);
    return this.access.enable(ctx.em, assertId(accountId, 'accountId'));
  }
}
