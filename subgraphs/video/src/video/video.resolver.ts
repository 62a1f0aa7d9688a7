import { ProofCheck } from '../calibration/proof-check.js';
import { assertId, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSeeEvidence, canSeeOriginal } from './video.policy.js';
import { SacrificeStub } from '../foreign-entities.js';
import { ReviewDecision } from './review-decision.entity.js';
import { ReviewOutcome } from './video.enums.js';
import { Video } from './video.entity.js';
import { decisionsByVideoId, videoById } from './video.loaders.js';
import type { VideoService } from './video.service.js';
import { VideoConnection } from './video.types.js';

@Resolver(() => Video)
export class VideoResolver {
  constructor(private readonly videos: VideoService) {}

  @Query(() => Video, {
    description: "A proof video: its sacrifice's donors, the assigned executor, reviewers and organizers.",
  })
  @Authorized()
  async video(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Video> {
    const video = await videoById(ctx).load(assertId(id));
    // Someone else's video answers exactly like a missing one.
    if (!video) throw notFound('Video', id);
    return video;
  }

  @Query(() => VideoConnection, { description: 'Reviewers and organizers: flagged videos, oldest first.' })
  @Authorized(Role.REVIEWER, Role.ORGANIZER)
  reviewQueue(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.videos.reviewQueue(ctx.em, page);
  }

  @Mutation(() => Video, { description: 'The assigned executor opens the next recording attempt of a sacrifice.' })
  @Authorized(Role.EXECUTOR)
  requestVideoUpload(@Arg('sacrificeId', () => ID) sacrificeId: string, @Ctx() ctx: SubgraphContext): Promise<Video> {
    return this.videos.requestUpload(ctx.em, ctx.viewer!.id, assertId(sacrificeId, 'sacrificeId'));
  }

  @Mutation(() => Video, {
    description:
      'Reviewers: approve a flagged video, or reject it (with a reason) to ask for a re-take. Never a video of a sacrifice you performed or have a share in (FORBIDDEN).',
  })
  @Authorized(Role.REVIEWER)
  decideVideo(
    @Arg('videoId', () => ID) videoId: string,
    @Arg('decision', () => ReviewOutcome) decision: ReviewOutcome,
    @Arg('reason', () => String, { nullable: true, description: 'Required to reject: 3 to 500 characters.' })
    reason: string | undefined,
    @Arg('failedChecks', () => [ProofCheck], {
      nullable: true,
      description: 'On a rejection: which checks were wrong (the scene, the names). They teach the calibration.',
    })
    failedChecks: ProofCheck[] | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Video> {
    return this.videos.decide(ctx.em, ctx, ctx.viewer!.id, {
      videoId: assertId(videoId, 'videoId'),
      decision,
      reason,
      failedChecks,
    });
  }

  @FieldResolver(() => ID)
  sacrificeId(@Root() video: Video): string {
    return video.sacrificeId;
  }

  @FieldResolver(() => SacrificeStub)
  sacrifice(@Root() video: Video): SacrificeStub {
    return { id: video.sacrificeId };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Object-store key of the original file; staff only (donors get the blurred one).',
  })
  storageKey(@Root() video: Video, @Ctx() ctx: SubgraphContext): string | null {
    return canSeeOriginal(ctx.viewer) ? video.storageKey : null;
  }

  @FieldResolver(() => GraphQLJSON, {
    nullable: true,
    description: 'What the models saw; reviewers and organizers only.',
  })
  evidence(@Root() video: Video, @Ctx() ctx: SubgraphContext): unknown {
    return canSeeEvidence(ctx.viewer) ? video.evidence : null;
  }

  @FieldResolver(() => [ReviewDecision], { description: 'Reviewer decisions, oldest first.' })
  reviewDecisions(@Root() video: Video, @Ctx() ctx: SubgraphContext): Promise<ReviewDecision[]> {
    return decisionsByVideoId(ctx).load(video.id);
  }
}
