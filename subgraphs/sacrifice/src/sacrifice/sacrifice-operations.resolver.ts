import { assertId, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { AllocationService } from './allocation.service.js';
import type { AssignmentService } from './assignment.service.js';
import type { PerformanceService } from './performance.service.js';
import { Sacrifice } from './sacrifice.entity.js';
import { AllocationResult, QuotaAssignmentResult } from './sacrifice.results.js';

export interface SacrificeOperations {
  allocation: AllocationService;
  assignment: AssignmentService;
  performance: PerformanceService;
}

/** The season's work: allocate shares to animals, assign executors, record sacrifices. */
@Resolver()
export class SacrificeOperationsResolver {
  constructor(private readonly ops: SacrificeOperations) {}

  @Mutation(() => AllocationResult, {
    description:
      'Organizers only: puts pending shares, first come first served, on available animals of the season (or one site): 1 per sheep or goat, up to 7 per cow or camel.',
  })
  @Authorized(Role.ORGANIZER)
  allocateShares(
    @Arg('seasonId', () => ID) seasonId: string,
    @Arg('siteId', () => ID, { nullable: true }) siteId: string | undefined,
    @Arg('onlyFullAnimals', {
      defaultValue: false,
      description: 'Leave cow and camel shares pending rather than start an animal with fewer than 7.',
    })
    onlyFullAnimals: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AllocationResult> {
    return this.ops.allocation.allocate(
      ctx.em,
      ctx,
      assertId(seasonId, 'seasonId'),
      siteId ? assertId(siteId, 'siteId') : undefined,
      onlyFullAnimals,
    );
  }

  @Mutation(() => Sacrifice, {
    description: 'Organizers only: gives one sacrifice to an executor (again, to move it, until it is performed).',
  })
  @Authorized(Role.ORGANIZER)
  assignSacrifice(
    @Arg('sacrificeId', () => ID) sacrificeId: string,
    @Arg('executorId', () => ID) executorId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Sacrifice> {
    return this.ops.assignment.assignOne(
      ctx.em,
      ctx,
      assertId(sacrificeId, 'sacrificeId'),
      assertId(executorId, 'executorId'),
    );
  }

  @Mutation(() => QuotaAssignmentResult, {
    description:
      "Organizers only: each executor, in the order given, takes up to `quota` of the site's oldest unassigned sacrifices.",
  })
  @Authorized(Role.ORGANIZER)
  assignByQuota(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('executorIds', () => [ID]) executorIds: string[],
    @Arg('quota', () => Int) quota: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<QuotaAssignmentResult> {
    return this.ops.assignment.assignByQuota(ctx.em, ctx, assertId(siteId, 'siteId'), executorIds, quota);
  }

  @Mutation(() => Sacrifice, {
    description:
      "The assigned executor only: records the sacrifice at the server's time; performedAt (offline executors) may be at most 5 minutes before it. OUTSIDE_SACRIFICE_WINDOW outside the site's window.",
  })
  @Authorized(Role.EXECUTOR)
  recordSacrificePerformed(
    @Arg('sacrificeId', () => ID) sacrificeId: string,
    @Arg('performedAt', () => Date, { nullable: true }) performedAt: Date | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Sacrifice> {
    const viewer = ctx.viewer!;
    return this.ops.performance.recordPerformed(
      ctx.em,
      viewer,
      assertId(sacrificeId, 'sacrificeId'),
      performedAt ?? undefined,
    );
  }
}
