import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { Account } from '../account/account.entity.js';
import { CreateStaffAccountInput, RegisterInput } from '../account/account.inputs.js';
import type { AccountService } from '../account/account.service.js';
import type { AuthService } from './auth.service.js';
import { AuthPayload } from './auth.types.js';
import { OneAuthFieldPerRequest } from './one-auth-field.middleware.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
  ) {}

  // Auth fields are limited per client IP and per account (RATE_LIMITED with retryAfterSeconds), one per request.
  @Mutation(() => AuthPayload, { description: 'A donor creates their account and is signed in.' })
  @UseMiddleware(OneAuthFieldPerRequest)
  register(@Arg('input') input: RegisterInput, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return this.auth.register(ctx.em, input, ctx.clientIp);
  }

  @Mutation(() => AuthPayload)
  @UseMiddleware(OneAuthFieldPerRequest)
  signIn(
    @Arg('login') login: string,
    @Arg('password') password: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AuthPayload> {
    return this.auth.signIn(ctx.em, login, password, ctx.clientIp);
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token for new tokens. Each refresh token works once.' })
  @UseMiddleware(OneAuthFieldPerRequest)
  refreshSession(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<AuthPayload> {
    return this.auth.refresh(ctx.em, refreshToken, ctx.clientIp);
  }

  @Mutation(() => Boolean, { description: 'Ends this sign-in everywhere, including its access tokens.' })
  @Authorized()
  signOut(@Arg('refreshToken') refreshToken: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.auth.signOut(ctx.em, refreshToken, ctx.viewer!.id);
  }

  @Mutation(() => Account, { description: 'Organizers create executor, reviewer, driver and organizer accounts.' })
  @UseMiddleware(OneAuthFieldPerRequest)
  @Authorized(Role.ORGANIZER)
  createStaffAccount(@Arg('input') input: CreateStaffAccountInput, @Ctx() ctx: SubgraphContext): Promise<Account> {
    return this.accounts.createStaff(ctx.em, ctx, input);
  }
}
