import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The sacrifice subgraph's `SiteDayReport`; this subgraph adds its deliveries of that day. It knows no
 * time zones, so it asks for the day's bounds as instants (`@requires`).
 */
@ObjectType('SiteDayReport')
@Directive('@key(fields: "id")')
export class SiteDayReportStub {
  @Field(() => ID) id!: string;
  @Field(() => ID)
  @Directive('@external')
  siteId!: string;
  @Field(() => Date)
  @Directive('@external')
  from!: Date;
  @Field(() => Date)
  @Directive('@external')
  to!: Date;
}

@ObjectType({ description: 'How many deliveries planned on one day are in one status.' })
export class DayDeliveryStatusCount {
  @Field() status!: string;
  @Field(() => Int) count!: number;
}

export const siteDayReportReference = {
  SiteDayReport: {
    __resolveReference: (ref: { id: string; siteId?: string; from?: string | Date; to?: string | Date }) => ({
      id: ref.id,
      siteId: ref.siteId ?? '',
      from: new Date(ref.from ?? 0),
      to: new Date(ref.to ?? 0),
    }),
  },
};
