import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@qurbani/kit';

/**
 * Sampled history of a route's positions: at most one fix per route per sampling bucket
 * (`POSITION_RULES.sampleEveryMs`), late fixes included. The point is encrypted like a family's
 * address: a van's trail stops at every family's door.
 */
@Entity({ tableName: 'route_position' })
@Unique({ name: 'route_position_route_bucket_uniq', properties: ['routeId', 'bucket'] })
export class RoutePositionSample {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid' })
  routeId!: string;

  /** floor(fix time / sampling period). */
  @Property({ type: 'bigint' })
  bucket!: number;

  @Property({ type: 'timestamptz' })
  fixTime!: Date;

  /** Encrypted `lat,lng` (FieldCipher). */
  @Property({ type: 'text' })
  pointEncrypted!: string;

  @Property({ type: 'real', nullable: true })
  accuracy: number | null = null;

  @Property({ type: 'real', nullable: true })
  speed: number | null = null;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();
}
