import { Field, ObjectType } from 'type-graphql';
import { Delivery } from './delivery.entity.js';

@ObjectType({
  description: 'A delivery with its recipient PIN. The PIN is shown only here, once: send it to the family.',
})
export class CreatedDelivery {
  @Field(() => Delivery) delivery!: Delivery;
  @Field({ description: '6 digits the family gives the driver to prove the delivery.' }) pin!: string;
}
