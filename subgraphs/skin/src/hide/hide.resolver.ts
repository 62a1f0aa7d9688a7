import { assertId, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Lot } from '../lot/lot.entity.js';
import { lotById } from '../lot/lot.loaders.js';
import { SacrificeStub } from '../foreign-entities.js';
import { Hide } from './hide.entity.js';
import { HideGrade, HideStatus } from './hide.enums.js';
import { hideById } from './hide.loaders.js';
import { isAtRisk } from './hide-deadline.rules.js';
import type { HideService } from './hide.service.js';
import { HideConnection } from './hide.types.js';

@Resolver(() => Hide)
export class HideResolver {
  constructor(
    private readonly hideService: HideService,
    private readonly now: () => Date,
  ) {}

  @Query(() => Hide, { description: "Organizers, or a donor of the hide's sacrifice." })
  @Authorized()
  async hide(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Hide> {
    const hide = await hideById(ctx).load(assertId(id));
    if (!hide) throw notFound('Hide', id);
    return hide;
  }

  @Query(() => HideConnection, { description: 'Organizers: hides, oldest first, by status and/or risk of spoiling.' })
  @Authorized(Role.ORGANIZER)
  hides(
    @Arg('status', () => HideStatus, { nullable: true }) status: HideStatus | undefined,
    @Arg('atRisk', () => Boolean, {
      nullable: true,
      description: 'true: not preserved and due within an hour or overdue.',
    })
    atRisk: boolean | undefined,
    @Arg('siteId', () => ID, { nullable: true }) siteId: string | undefined,
    @Arg('store', () => String, { nullable: true }) store: string | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    const filter = { status: status ?? undefined, atRisk: atRisk ?? undefined, store: store ?? undefined };
    return this.hideService.list(ctx.em, { ...filter, siteId: siteId ? assertId(siteId, 'siteId') : undefined }, page);
  }

  @Mutation(() => Hide, {
    description:
      'Organizers and field staff (executors, drivers): the hide of a performed sacrifice was taken; its deadline starts.',
  })
  @Authorized(Role.ORGANIZER, Role.EXECUTOR, Role.DRIVER)
  recordHide(
    @Arg('sacrificeId', () => ID) sacrificeId: string,
    @Arg('collectedAt', () => Date) collectedAt: Date,
    @Arg('weightKg', () => Float) weightKg: number,
    @Arg('store', () => String, { nullable: true, description: 'Where it is kept at the site.' })
    store: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Hide> {
    return this.hideService.record(ctx.em, ctx, {
      sacrificeId: assertId(sacrificeId, 'sacrificeId'),
      collectedAt,
      weightKg,
      store,
    });
  }

  @Mutation(() => Hide, {
    description: 'Organizers and field staff: the hide was salted (default: now), before its deadline.',
  })
  @Authorized(Role.ORGANIZER, Role.EXECUTOR, Role.DRIVER)
  preserveHide(
    @Arg('id', () => ID) id: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | undefined,
    @Arg('store', () => String, { nullable: true, description: 'Where it is kept now.' }) store: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Hide> {
    return this.hideService.preserve(ctx.em, ctx, assertId(id), at ?? undefined, store);
  }

  @Mutation(() => Hide, { description: 'Organizers: grade a preserved hide.' })
  @Authorized(Role.ORGANIZER)
  gradeHide(
    @Arg('id', () => ID) id: string,
    @Arg('grade', () => HideGrade) grade: HideGrade,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Hide> {
    return this.hideService.grade(ctx.em, ctx, assertId(id), grade);
  }

  @Mutation(() => Hide, { description: 'Organizers: the hide is lost.' })
  @Authorized(Role.ORGANIZER)
  markSpoiled(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Hide> {
    return this.hideService.markSpoiled(ctx.em, ctx, assertId(id));
  }

  @FieldResolver(() => ID)
  sacrificeId(@Root() hide: Hide): string {
    return hide.sacrificeId;
  }

  @FieldResolver(() => ID, { description: 'The site where the animal was sacrificed and the hide is kept.' })
  siteId(@Root() hide: Hide): string {
    return hide.siteId;
  }

  @FieldResolver(() => SacrificeStub)
  sacrifice(@Root() hide: Hide): SacrificeStub {
    return { id: hide.sacrificeId };
  }

  @FieldResolver(() => Boolean, { description: 'Not preserved, and the deadline is within an hour or past.' })
  isAtRisk(@Root() hide: Hide): boolean {
    return isAtRisk(hide, this.now());
  }

  @FieldResolver(() => Lot, { nullable: true, description: 'Organizers only: lots lead to buyers and prices.' })
  async lot(@Root() hide: Hide, @Ctx() ctx: SubgraphContext): Promise<Lot | null> {
    return hide.lot ? lotById(ctx).load(hide.lot.id) : null;
  }
}
