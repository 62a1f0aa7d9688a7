import { Role, type SubgraphContext } from '@qurbani/kit';
import { Authorized, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { HideSweepService } from './hide-sweep.service.js';

@ObjectType({ description: 'What one pass of the hide sweep changed.' })
class HideSweepResult {
  @Field(() => Int, { description: 'Hides newly at risk whose staff were alerted.' }) alerted!: number;
  @Field(() => Int, { description: 'Hides past their deadline unsalted, now SPOILED.' }) spoiled!: number;
}

@Resolver()
export class HideSweepResolver {
  constructor(private readonly sweep: HideSweepService) {}

  @Mutation(() => HideSweepResult, {
    description:
      'Organizers: run the hide sweep now (it also runs every minute); each hide is alerted and spoiled once.',
  })
  @Authorized(Role.ORGANIZER)
  sweepHides(@Ctx() ctx: SubgraphContext): Promise<HideSweepResult> {
    return this.sweep.sweep(ctx.em);
  }
}
