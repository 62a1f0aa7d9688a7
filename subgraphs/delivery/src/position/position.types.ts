import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Dropped } from './position.rules.js';

registerEnumType(Dropped, {
  name: 'DroppedPositionReason',
  description:
    'INVALID: out-of-range values; DUPLICATE: a fix time already received; FUTURE: later than now (beyond 30 s of clock skew); TOO_OLD: over 12 hours old; IMPOSSIBLE_JUMP: farther from the nearest known fix than any van could go.',
});

@InputType({ description: 'One GPS fix as the phone took it.' })
export class PositionInput {
  @Field(() => Float, { description: 'Degrees, -90 to 90.' }) lat!: number;
  @Field(() => Float, { description: 'Degrees, -180 to 180.' }) lng!: number;
  @Field(() => Date, { description: 'When the phone took the fix (its own clock).' }) fixTime!: Date;
  @Field(() => Float, { nullable: true, description: 'Metres (68% confidence radius).' }) accuracy?: number | null;
  @Field(() => Float, { nullable: true, description: 'Metres per second.' }) speed?: number | null;
}

@ObjectType({
  description:
    'Where a driver is: the latest accepted fix of their route, with the ETA of one delivery when asked through it.',
})
export class DriverPosition {
  @Field(() => ID) routeId!: string;
  @Field(() => ID, { nullable: true, description: 'The delivery this position was asked for; null for a whole route.' })
  deliveryId!: string | null;
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
  @Field(() => Date) fixTime!: Date;
  @Field(() => Float, { nullable: true, description: 'Metres.' }) accuracy!: number | null;
  @Field(() => Float, { nullable: true, description: 'Metres per second.' }) speed!: number | null;
  @Field(() => Date, {
    nullable: true,
    description:
      'Estimated arrival at the delivery: straight-line distance x 1.3 at 25 km/h, plus 4 minutes per earlier stop.',
  })
  eta!: Date | null;
}

@ObjectType()
export class DroppedPosition {
  @Field(() => Int, { description: 'Index of the point in the reported list.' }) index!: number;
  @Field(() => Dropped) reason!: Dropped;
}

@ObjectType({ description: 'What became of a batch of reported positions.' })
export class PositionReport {
  @Field(() => Int, { description: 'Points kept (current position and/or history).' }) accepted!: number;
  @Field(() => Int, { description: 'Accepted points older than the current position: kept in history only.' })
  late!: number;
  @Field(() => [DroppedPosition]) dropped!: DroppedPosition[];
  @Field(() => DriverPosition, { nullable: true, description: "The route's current position after this report." })
  current!: DriverPosition | null;
}

@ObjectType({ description: "A recipient's tracking link: put the token in the link sent by SMS." })
export class TrackingLink {
  @Field(() => ID) deliveryId!: string;
  @Field(() => ID, { description: 'Names this link to `revokeTrackingLink`.' }) linkId!: string;
  @Field({ description: 'Opens this one delivery (status, driver position while out for delivery) until it expires.' })
  token!: string;
  @Field(() => Date) expiresAt!: Date;
}
