import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum LotStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SOLD = 'SOLD',
}
registerEnumType(LotStatus, {
  name: 'LotStatus',
  description: 'OPEN while being put together, CLOSED when ready for a buyer, then SOLD.',
});

/** Graded hides grouped to be sold together to one tannery. */
@ObjectType({ description: 'Graded hides sold together to one tannery. Organizers only.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'lot' })
export class Lot {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field({ description: 'Unique label, e.g. the one written on the bales.' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => LotStatus)
  @Enum({ items: () => LotStatus, type: 'text' })
  status: Opt<LotStatus> = LotStatus.OPEN;

  @Field(() => Float)
  @Property({ type: 'decimal', precision: 10, scale: 2, runtimeType: 'number' })
  totalWeightKg!: number;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
