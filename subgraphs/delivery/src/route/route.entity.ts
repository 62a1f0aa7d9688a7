import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RouteStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  DONE = 'DONE',
}
registerEnumType(RouteStatus, {
  name: 'RouteStatus',
  description: 'ACTIVE from the first stop started; DONE when every stop is closed.',
});

/** One driver's ordered run of deliveries; the stops are the deliveries pointing at it. */
@ObjectType({ description: "A driver's ordered run of deliveries." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'route' })
export class Route {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Index()
  @Property({ type: 'uuid' })
  driverId!: string;

  @Field(() => RouteStatus)
  @Enum({ items: () => RouteStatus, type: 'text' })
  status: Opt<RouteStatus> = RouteStatus.PLANNED;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
