import { ConnectionType, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Season } from './season.entity.js';
import { CreateSeasonInput } from './season.inputs.js';
import type { SeasonService } from './season.service.js';

const SeasonConnection = ConnectionType('Season', Season);

@Resolver(() => Season)
export class SeasonResolver {
  constructor(private readonly seasonService: SeasonService) {}

  @Query(() => SeasonConnection, { description: 'Organizers only: seasons, newest first.' })
  @Authorized(Role.ORGANIZER)
  seasons(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.seasonService.list(ctx.em, page);
  }

  @Mutation(() => Season, {
    description: 'Organizers only. Without day10, the dates come from the Umm al-Qura calendar.',
  })
  @Authorized(Role.ORGANIZER)
  createSeason(@Arg('input') input: CreateSeasonInput, @Ctx() ctx: SubgraphContext): Promise<Season> {
    return this.seasonService.create(ctx.em, input);
  }
}
