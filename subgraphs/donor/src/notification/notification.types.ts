import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One key/value of what a notification is about.' })
export class NotificationParam {
  @Field() key!: string;
  @Field() value!: string;
}
