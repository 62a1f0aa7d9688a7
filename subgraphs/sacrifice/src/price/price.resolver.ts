import { byKey, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Site } from '../site/site.entity.js';
import { SetSharePriceInput } from './price.inputs.js';
import type { PriceService } from './price.service.js';
import { SharePrice } from './share-price.entity.js';

@Resolver(() => SharePrice)
export class SharePriceResolver {
  constructor(private readonly prices: PriceService) {}

  @Query(() => [SharePrice], {
    description: 'The price list donors order from: one price per site and species, of one season or all.',
  })
  @Authorized()
  sharePrices(
    @Arg('seasonId', () => ID, { nullable: true }) seasonId: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.prices.list(ctx.em, ctx.viewer, seasonId);
  }

  @Mutation(() => SharePrice, {
    description:
      "Organizers only: sets the price of one share of a species at a site, in the site's currency; new orders use it.",
  })
  @Authorized(Role.ORGANIZER)
  setSharePrice(@Arg('input') input: SetSharePriceInput, @Ctx() ctx: SubgraphContext): Promise<SharePrice> {
    return this.prices.set(ctx.em, input, ctx);
  }

  @FieldResolver(() => String, { description: 'The name of the site this price is for (public with the price).' })
  async siteName(@Root() price: SharePrice, @Ctx() ctx: SubgraphContext): Promise<string> {
    // Not through the site loader: a selling site's name is part of the public price list.
    const loader = ctx.loaders.get<string, Site | null>('Site.publicName', async (ids) =>
      byKey(ids, await ctx.em.find(Site, { id: { $in: [...ids] } }), (s) => s.id),
    );
    return (await loader.load(price.siteId))?.name ?? '';
  }
}
