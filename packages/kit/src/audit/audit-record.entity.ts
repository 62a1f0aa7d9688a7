import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { canonicalJson } from './canonical-json.js';

/**
 * One line of a subgraph's audit trail: who did what to which rows, with a summary of the change
 * (statuses, amounts, ids; never personal data). Rows are only ever inserted, by `audit()`, in the
 * transaction of the change they record; `hash` chains each to the one before (see `audit-chain.ts`).
 * The same value type in every subgraph, hence shareable.
 */
@ObjectType({ description: 'One append-only audit record, written with the change it records.' })
@Directive('@shareable')
@Entity({ tableName: 'audit_record' })
@Index({ properties: ['entityType', 'at'] })
@Index({ properties: ['actorId', 'at'] })
@Index({ properties: ['action', 'at'] })
@Index({
  name: 'audit_record_entity_ids_index',
  expression: 'create index "audit_record_entity_ids_index" on "audit_record" using gin ("entity_ids")',
})
export class AuditRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Chain order within this database: 1, 2, 3... with no gaps (given out under the trail's lock). */
  @Field({ description: "Position in this subgraph's chain: 1, 2, 3... with no gaps." })
  @Property({ type: 'bigint', unique: true })
  seq!: string;

  @Field({ description: 'Which subgraph wrote it: donor, sacrifice, video, delivery, skin or identity.' })
  @Property({ type: 'text' })
  scope!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'The account that acted; null for the system (sweeps, events).' })
  @Property({ type: 'text', nullable: true })
  actorId!: string | null;

  @Field(() => [String], { description: 'Its roles at the time.' })
  @Property({ type: 'text[]' })
  actorRoles!: string[];

  @Field({ description: 'What was done, e.g. `lot.sold`, `delivery.failed`.' })
  @Property({ type: 'text' })
  action!: string;

  @Field()
  @Property({ type: 'text' })
  entityType!: string;

  @Field(() => [ID])
  @Property({ type: 'text[]' })
  entityIds!: string[];

  @Property({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Field(() => String, {
    name: 'before',
    nullable: true,
    description: 'State before, as JSON: statuses, amounts, ids.',
  })
  get beforeJson(): string | null {
    return this.before ? canonicalJson(this.before) : null;
  }

  @Field(() => String, { name: 'after', nullable: true, description: 'State after, as JSON: statuses, amounts, ids.' })
  get afterJson(): string | null {
    return this.after ? canonicalJson(this.after) : null;
  }

  @Field(() => String, { nullable: true, description: 'The request that made the change (`x-request-id`).' })
  @Property({ type: 'text', nullable: true })
  requestId!: string | null;

  @Field({ description: 'Hash of the record before it in this subgraph ("" for the first).' })
  @Property({ type: 'text' })
  prevHash!: string;

  @Field({ description: 'sha256 over prevHash and this record.' })
  @Property({ type: 'text' })
  hash!: string;
}
