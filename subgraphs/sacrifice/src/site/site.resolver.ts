import { assertId, ConnectionType, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Season } from '../season/season.entity.js';
import { seasonById } from '../season/season.loaders.js';
import { Site } from './site.entity.js';
import { CreateSiteInput } from './site.inputs.js';
import type { SiteService } from './site.service.js';
import { windowOf } from '../sacrifice/sacrifice-window.rules.js';
import { SiteWindow } from './site-window.js';

const SiteConnection = ConnectionType('Site', Site);

@Resolver(() => Site)
export class SiteResolver {
  constructor(private readonly siteService: SiteService) {}

  @Query(() => SiteConnection, { description: 'Organizers only: the sites of a season, oldest first.' })
  @Authorized(Role.ORGANIZER)
  sites(@Arg('seasonId', () => ID) seasonId: string, @Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.siteService.list(ctx.em, assertId(seasonId, 'seasonId'), page);
  }

  @Mutation(() => Site, { description: 'Organizers only.' })
  @Authorized(Role.ORGANIZER)
  createSite(@Arg('input') input: CreateSiteInput, @Ctx() ctx: SubgraphContext): Promise<Site> {
    return this.siteService.create(ctx.em, input);
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
