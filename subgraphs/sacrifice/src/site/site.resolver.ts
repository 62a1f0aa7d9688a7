import { assertId, ConnectionType, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Season } from '../season/season.entity.js';
import { seasonById } from '../season/season.loaders.js';
import { Site } from './site.entity.js';
import { CreateSiteInput, UpdateSiteInput } from './site.inputs.js';
import { setSiteArchived, updateSite } from './site-update.service.js';
import type { SiteService } from './site.service.js';
import { windowOf } from '../sacrifice/sacrifice-window.rules.js';
import { SiteWindow } from './site-window.js';

const SiteConnection = ConnectionType('Site', Site);

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly siteService: SiteService) {}

  @Query(() => SiteConnection, {
    description: 'Organizers only: the sites of a season, oldest first; archived ones only when asked.',
  })
  @Authorized(Role.ORGANIZER)
  sites(
    @Arg('seasonId', () => ID) seasonId: string,
    @Arg('includeArchived', { defaultValue: false }) includeArchived: boolean,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.siteService.list(ctx.em, assertId(seasonId, 'seasonId'), includeArchived, page);
  }

  @Mutation(() => Site, { description: 'Organizers only.' })
  @Authorized(Role.ORGANIZER)
  createSite(@Arg('input') input: CreateSiteInput, @Ctx() ctx: SubgraphContext): Promise<Site> {
    return this.siteService.create(ctx.em, input);
  }

  @Mutation(() => Site, {
    description:
      'Organizers only: corrects a site. Its time zone and window times cannot change once a sacrifice was recorded there (CONFLICT).',
  })
  @Authorized(Role.ORGANIZER)
  updateSite(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateSiteInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Site> {
    return updateSite(ctx.em, ctx, assertId(id), input);
  }

  @Mutation(() => Site, {
    description:
      'Organizers only: archives a site. It takes no new orders and no new prices; orders it holds go on to the end.',
  })
  @Authorized(Role.ORGANIZER)
  archiveSite(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Site> {
    return setSiteArchived(ctx.em, ctx, assertId(id), true);
  }

  @Mutation(() => Site, { description: 'Organizers only: brings an archived site back; it takes orders again.' })
  @Authorized(Role.ORGANIZER)
  restoreSite(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Site> {
    return setSiteArchived(ctx.em, ctx, assertId(id), false);
  }

  @FieldResolver(() => Season)
  async season(@Root() site: Site, @Ctx() ctx: SubgraphContext): Promise<Season> {
    const season = await seasonById(ctx).load(site.seasonId);
    if (!season) throw notFound('Season', site.seasonId);
    return season;
  }

  @FieldResolver(() => SiteWindow, {
    description: 'When sacrifices here are valid: day 10 at the start time to day 13 at the end time, local.',
  })
  async window(@Root() site: Site, @Ctx() ctx: SubgraphContext): Promise<SiteWindow> {
    return windowOf(await this.season(site, ctx), site);
  }
}
