import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The sacrifice subgraph's `SeasonDashboard`; this subgraph adds the hides' figures. It knows sites
 * (from `sacrifice.allocated`) but not seasons, so it asks for the dashboard's `siteIds` (`@requires`).
 */
@ObjectType('SeasonDashboard')
@Directive('@key(fields: "id")')
export class SeasonDashboardStub {
  @Field(() => ID) id!: string;
  @Field(() => [ID])
  @Directive('@external')
  siteIds!: string[];
}

@ObjectType({ description: 'How many hides are in one state.' })
export class HideStatusCount {
  @Field() status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Money in minor units of one currency.' })
export class CurrencyTotal {
  @Field({ description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => Int) amountMinor!: number;
}

export const seasonDashboardReference = {
  SeasonDashboard: {
    __resolveReference: (ref: { id: string; siteIds?: string[] }) => ({ id: ref.id, siteIds: ref.siteIds ?? [] }),
  },
};
