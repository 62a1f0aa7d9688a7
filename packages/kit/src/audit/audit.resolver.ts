import { Arg, Authorized, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../context.js';
import { Role } from '../viewer.js';
import { verifyAuditChain } from './audit-chain.js';
import { AuditRecord } from './audit-record.entity.js';
import { findAuditRecords } from './audit-trail.js';

@ObjectType({ description: "The result of re-computing a subgraph's audit chain." })
@Directive('@shareable')
export class AuditChainStatus {
  @Field() valid!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => ID, { nullable: true, description: 'The first record that does not match.' }) brokenAtId!: string | null;
}

/**
 * `<scope>AuditTrail` and `<scope>AuditChain` for one subgraph (organizers). Each subgraph keeps its
 * own trail in its own database, so each answers for its own; `auditTrail` in the SDK asks all six in
 * one request (the gateway runs them in parallel) and merges them by time.
 */
export function auditResolver(scope: string): object {
  @Resolver()
  class AuditResolver {
    @Query(() => [AuditRecord], {
      name: `${scope}AuditTrail`,
      description: `Organizers: the ${scope} subgraph's audit records, newest first (limit 1 to 500, default 100).`,
    })
    @Authorized(Role.ORGANIZER)
    trail(
      @Arg('entityType', () => String, { nullable: true }) entityType: string | null,
      @Arg('entityId', () => ID, { nullable: true }) entityId: string | null,
      @Arg('actorId', () => ID, { nullable: true }) actorId: string | null,
      @Arg('action', () => String, { nullable: true }) action: string | null,
      @Arg('from', () => Date, { nullable: true }) from: Date | null,
      @Arg('to', () => Date, { nullable: true }) to: Date | null,
      @Arg('limit', () => Int, { nullable: true }) limit: number | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<AuditRecord[]> {
      return findAuditRecords(ctx.em, { entityType, entityId, actorId, action, from, to, limit });
    }

    @Query(() => AuditChainStatus, {
      name: `${scope}AuditChain`,
      description: `Organizers: re-computes the ${scope} audit chain; an edited or removed record breaks it.`,
    })
    @Authorized(Role.ORGANIZER)
    chain(@Ctx() ctx: SubgraphContext): Promise<AuditChainStatus> {
      return verifyAuditChain(ctx.em);
    }
  }
  return new AuditResolver();
}
