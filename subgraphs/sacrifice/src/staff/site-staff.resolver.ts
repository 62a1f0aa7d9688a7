import { assertId, ConnectionType, entityRef, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AccountStub } from '../foreign-entities.js';
import { SiteRole } from './site-role.js';
import { SiteStaff } from './site-staff.entity.js';
import type { StaffService } from './staff.service.js';

const SiteStaffConnection = ConnectionType('SiteStaff', SiteStaff);

@Resolver(() => SiteStaff)
export class SiteStaffResolver {
  constructor(private readonly staff: StaffService) {}

  @Query(() => SiteStaffConnection, { description: 'Organizers only: who works at a site, optionally in one role.' })
  @Authorized(Role.ORGANIZER)
  siteStaff(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('role', () => SiteRole, { nullable: true }) role: SiteRole | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.staff.list(ctx.em, assertId(siteId, 'siteId'), role ?? undefined, page);
  }

  @Mutation(() => SiteStaff, {
    description:
      'Organizers only: the account works at the site in this role (it must hold the account role of the same name). Adding twice is a no-op.',
  })
  @Authorized(Role.ORGANIZER)
  addSiteStaff(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('role', () => SiteRole) role: SiteRole,
    @Ctx() ctx: SubgraphContext,
  ): Promise<SiteStaff> {
    return this.staff.add(ctx.em, ctx, assertId(siteId, 'siteId'), assertId(accountId, 'accountId'), role);
  }

  @Mutation(() => Boolean, {
    description: 'Organizers only: the account no longer gets new work of this role at the site; false if it had none.',
  })
  @Authorized(Role.ORGANIZER)
  removeSiteStaff(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('role', () => SiteRole) role: SiteRole,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return this.staff.remove(ctx.em, ctx, assertId(siteId, 'siteId'), assertId(accountId, 'accountId'), role);
  }

  @FieldResolver(() => AccountStub)
  account(@Root() member: SiteStaff): AccountStub {
    return entityRef(member.accountId)!;
  }
}
