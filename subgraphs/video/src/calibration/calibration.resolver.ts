import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { reviewCalibration } from './calibration.service.js';
import { ReviewCalibration } from './calibration.types.js';

@Resolver()
export class CalibrationResolver {
  constructor(private readonly now: () => Date) {}

  @Query(() => ReviewCalibration, {
    description:
      "Organizers: precision and recall of the scene and name checks against reviewers' decisions, per site and " +
      'name script, with proposed thresholds (`npm run calibrate` prints it). Default: the last 30 days.',
  })
  @Authorized(Role.ORGANIZER)
  reviewCalibration(
    @Arg('from', () => Date, { nullable: true }) from: Date | undefined,
    @Arg('to', () => Date, { nullable: true }) to: Date | undefined,
    @Arg('minFailures', () => Int, {
      defaultValue: 20,
      description: 'Labelled failures needed before a threshold is proposed.',
    })
    minFailures: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReviewCalibration> {
    return reviewCalibration(ctx.em, this.now(), { from, to, minFailures });
  }
}
