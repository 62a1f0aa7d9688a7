import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum MeatPackStatus {
  PACKED = 'PACKED',
  ASSIGNED = 'ASSIGNED',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
}
registerEnumType(MeatPackStatus, {
  name: 'MeatPackStatus',
  description: 'PACKED until paired with a family; then follows its delivery.',
});

/** One pack of meat cut from one sacrifice; a family receives exactly one. */
@ObjectType({ description: 'A pack of meat from one sacrifice, for one family.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'meat_pack' })
export class MeatPack {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => ID)
  @Index()
  @Property({ type: 'uuid' })
  sacrificeId!: string;

  /** Grams, so weights add up exactly. */
  @Property({ type: 'integer' })
  weightGrams!: number;

  @Field(() => MeatPackStatus)
  @Enum({ items: () => MeatPackStatus, type: 'text' })
  status: Opt<MeatPackStatus> = MeatPackStatus.PACKED;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
