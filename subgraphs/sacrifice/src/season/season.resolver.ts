import { assertId, ConnectionType, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Season } from './season.entity.js';
import { updateSeason } from './season-update.service.js';
import { CreateSeasonInput, UpdateSeasonInput } from './season.inputs.js';
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

  @Mutation(() => Season, {
    description:
      'Organizers only: corrects a season. Its window (day10, times) cannot move once a sacrifice of the season was recorded (CONFLICT).',
  })
  @Authorized(Role.ORGANIZER)
  updateSeason(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateSeasonInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Season> {
    return updateSeason(ctx.em, ctx, assertId(id, 'id'), input);
  }
}
