import { assertId, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.js';
import type { AccountAccessService } from './account-access.service.js';

@Resolver()
export class AccountAccessResolver {
  constructor(private readonly access: AccountAccessService) {}

  @Mutation(() => Account, {
    description:
      'Organizers only: the account can no longer sign in, and every sign-in it has ends at once (its access tokens stop working, its live subscriptions end). Not your own account, nor the last organizer.',
  })
  @Authorized(Role.ORGANIZER)
  disableAccount(@Arg('accountId', () => ID) accountId: string, @Ctx() ctx: SubgraphContext): Promise<Account> {
    return this.access.disable(ctx.em, ctx, assertId(accountId, 'accountId'));
  }

  @Mutation(() => Account, {
    description: 'Organizers only: the account can sign in again (its old sessions stay ended).',
  })
  @Authorized(Role.ORGANIZER)
  enableAccount(@Arg('accountId', () => ID) accountId: string, @Ctx() ctx: SubgraphContext): Promise<Account> {
    return this.access.enable(ctx.em, ctx, assertId(accountId, 'accountId'));
  }
}
