import { assertId, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';

@ObjectType({ description: 'Hide sale proceeds of one season and site, in one currency (minor units).' })
class HideProceeds {
  @Field({ description: 'Hijri year of collection.' }) season!: string;
  @Field(() => ID) siteId!: string;
  @Field() currency!: string;
  @Field(() => Int, { description: 'Sales that carried hides of this site.' }) sales!: number;
  @Field(() => Int) hides!: number;
  @Field(() => Int, { description: 'Proceeds (price minus fees); a lot of several sites is shared by hide weight.' })
  proceedsMinor!: number;
}

// A lot may hold hides of several sites: its proceeds are apportioned by weight, per hide.
const PROCEEDS_SQL = `
  select h.season, a.site_id as "siteId", s.currency, count(distinct s.id)::int as sales, count(h.id)::int as hides,
         sum(round(s.proceeds_minor * h.weight_kg / nullif(l.total_weight_kg, 0)))::int as "proceedsMinor"
    from sale s
    join lot l on l.id = s.lot_id
    join hide h on h.lot_id = l.id
    join allocated_sacrifice a on a.sacrifice_id = h.sacrifice_id
   where (?::text is null or h.season = ?::text) and (?::uuid is null or a.site_id = ?::uuid)
   group by h.season, a.site_id, s.currency
   order by h.season, a.site_id, s.currency`;

@Resolver()
export class ProceedsResolver {
  @Query(() => [HideProceeds], {
    description:
      'Organizers: what hide sales brought in, per season, site and currency (the ledger: lots(status: SOLD)).',
  })
  @Authorized(Role.ORGANIZER)
  hideProceeds(
    @Arg('season', () => String, { nullable: true }) season: string | undefined,
    @Arg('siteId', () => ID, { nullable: true }) siteId: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<HideProceeds[]> {
    const site = siteId ? assertId(siteId, 'siteId') : null;
    return ctx.em.execute<HideProceeds[]>(PROCEEDS_SQL, [season ?? null, season ?? null, site, site]);
  }
}
