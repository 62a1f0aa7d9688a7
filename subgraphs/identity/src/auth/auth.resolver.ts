import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Account } from '../account/account.entity.js';
import { CreateStaffAccountInput, RegisterInput } from '../account/account.inputs.js';
import type { AccountService } from '../account/account.service.js';
import type { AuthService } from './auth.service.js';
import { AuthPayload } from './auth.types.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService, private readonly accounts: AccountService) {}

  @Mutation(() => AuthPayload, { description: 'A donor creates their account and is signed in.' })
  async register(@Arg('input') input: RegisterInput, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    await this.accounts.registerDonor(ctx.em, input);
    return this.auth.signIn(ctx.em, input.login, input.password);
  }

  @Mutation(() => AuthPayload)
  signIn(@Arg('login') login: string, @Arg('password') password: string, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return this.auth.signIn(ctx.em, login, password);
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for new tokens. Each refresh token works once.' })
  refreshSession(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return this.auth.refresh(ctx.em, refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends this sign-in everywhere, including its access tokens.' })
  @Authorized()
  signOut(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.auth.signOut(ctx.em, refreshToken, ctx.viewer!.id);
  }

  @Mutation(() => Account, { description: 'Organizers create executor, reviewer, driver and organizer accounts.' })
  @Authorized(Role.ORGANIZER)
  createStaffAccount(@Arg('input') input: CreateStaffAccountInput, @Ctx() ctx: SubgraphContext): Promise<Account> {
    return this.accounts.createStaff(ctx.em, input);
  }
}
