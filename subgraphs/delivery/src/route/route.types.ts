import { Field, Int, ObjectType } from 'type-graphql';
import { Delivery } from '../delivery/delivery.entity.js';

@ObjectType({ description: 'One stop of a route.' })
export class RouteStop {
  @Field(() => Int, { description: '1 is the first stop.' }) index!: number;
  @Field(() => Delivery) delivery!: Delivery;
}
