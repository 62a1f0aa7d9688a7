import { assertId, ConnectionType, findPage, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Account } from './account.entity.js';
import { accountById } from './account.loaders.js';
import { maySeeAccountStatus, maySeeLogin } from './account.policy.js';
import type { AccountService } from './account.service.js';

const AccountConnection = ConnectionType('Account', Account);

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly accountService: AccountService) {}

  @Query(() => Account, { description: 'The signed-in account.' })
  @Authorized()
  async me(@Ctx() ctx: SubgraphContext): Promise<Account> {
    const account = await accountById(ctx).load(ctx.viewer!.id);
    if (!account) throw notFound('Account', ctx.viewer!.id);
    return account;
  }

  @Query(() => Account, { description: 'Organizers only.' })
  @Authorized(Role.ORGANIZER)
  async account(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Account> {
    const account = await accountById(ctx).load(assertId(id));
    if (!account) throw notFound('Account', id);
    return account;
  }

  @Query(() => AccountConnection, { description: 'Organizers only: accounts, oldest first, optionally of one role.' })
  @Authorized(Role.ORGANIZER)
  async accounts(
    @Args() page: PageArgs,
    @Arg('role', () => Role, { nullable: true }) role: Role | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return findPage(ctx.em, Account, role ? { roles: { $contains: [role] } } : {}, page);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When an organizer disabled the account; only organizers see it.',
  })
  disabledAt(@Root() account: Account, @Ctx() ctx: SubgraphContext): Date | null {
    return maySeeAccountStatus(ctx.viewer) ? account.disabledAt : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Email or phone; only for the account itself and organizers.',
  })
  login(@Root() account: Account, @Ctx() ctx: SubgraphContext): string | null {
    if (!maySeeLogin(ctx.viewer, account)) return null;
    return this.accountService.loginOf(account);
  }
}
