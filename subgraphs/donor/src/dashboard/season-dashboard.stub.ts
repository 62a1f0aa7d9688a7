import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The sacrifice subgraph's `SeasonDashboard`; this subgraph adds the orders' payment figures. It does not know
 * seasons, so it asks for the dashboard's `siteIds` (`@requires`).
 */
@ObjectType('SeasonDashboard')
@Directive('@key(fields: "id")')
export class SeasonDashboardStub {
  @Field(() => ID) id!: string;
  @Field(() => [ID])
  @Directive('@external')
  siteIds!: string[];
}

@ObjectType({ description: 'How many orders are in one payment status.' })
export class OrderPaymentStatusCount {
  @Field() status!: string;
  @Field(() => Int) count!: number;
}

export const seasonDashboardReference = {
  SeasonDashboard: {
    __resolveReference: (ref: { id: string; siteIds?: string[] }) => ({ id: ref.id, siteIds: ref.siteIds ?? [] }),
  },
};
