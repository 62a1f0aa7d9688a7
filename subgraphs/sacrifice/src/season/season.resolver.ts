import { ConnectionType, PageArgs, requireRole, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Season } from './season.entity.js';
import { CreateSeasonInput } from './season.inputs.js';
import type { SeasonService } from './season.service.js';

const SeasonConnection = ConnectionType('Season', Season);

@Resolver(() => Season)
export class SeasonResolver {
  constructor(private readonly seasonService: SeasonService) {}

  @Query(() => SeasonConnection, { description: 'Organizers only: seasons, newest first.' })
  seasons(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    requireRole(ctx.viewer, Role.ORGANIZER);
    return this.seasonService.list(ctx.em, page);
  }

  @Mutation(() => Season, { description: 'Organizers only. Without day10, the dates come from the Umm al-Qura calendar.' })
  createSeason(@Arg('input') input: CreateSeasonInput, @Ctx() ctx: SubgraphContext): Promise<Season> {
    requireRole(ctx.viewer, Role.ORGANIZER);
    return this.seasonService.create(ctx.em, input);
  }
}
