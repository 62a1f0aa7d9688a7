import { assertId, hasRole, isOrganizer, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Video } from '../video/video.entity.js';
import type { ReviewClaimService } from './review-claim.service.js';
import { reviewerStats, ReviewerStats } from './reviewer-stats.js';

@Resolver()
export class ReviewClaimResolver {
  constructor(
    private readonly claims: ReviewClaimService,
    private readonly now: () => Date,
  ) {}

  @Mutation(() => Video, {
    nullable: true,
    description:
      'Reviewers: take the next flagged video (window ending first, then oldest) for the lease time, or renew the one you hold; null when the queue is empty. Decide it with decideVideo.',
  })
  @Authorized(Role.REVIEWER)
  claimReview(@Ctx() ctx: SubgraphContext): Promise<Video | null> {
    return this.claims.claim(ctx.em, ctx.viewer!.id);
  }

  @Mutation(() => Video, { description: 'Reviewers: give a claimed video back to the queue.' })
  @Authorized(Role.REVIEWER)
  releaseReview(@Arg('videoId', () => ID) videoId: string, @Ctx() ctx: SubgraphContext): Promise<Video> {
    return this.claims.release(ctx.em, ctx.viewer!.id, videoId);
  }

  @Query(() => [ReviewerStats], {
    description: 'Organizers: decisions and current claims per reviewer (a reviewer sees their own row only).',
  })
  @Authorized(Role.REVIEWER, Role.ORGANIZER)
  async reviewerStats(
    @Arg('from', () => Date, { nullable: true }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true }) to: Date | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReviewerStats[]> {
    const rows = await reviewerStats(ctx.em, this.now(), from ?? null, to ?? null);
    if (isOrganizer(ctx.viewer) || !hasRole(ctx.viewer, Role.REVIEWER)) return rows;
    return rows.filter((r) => r.reviewerId === assertId(ctx.viewer!.id));
  }
}
