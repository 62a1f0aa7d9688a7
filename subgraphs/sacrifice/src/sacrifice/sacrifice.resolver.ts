import { assertId, entityRef, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Animal } from '../animal/animal.entity.js';
import { animalOfVisibleSacrifice } from '../animal/animal.loaders.js';
import { OrderShare } from '../share/order-share.entity.js';
import { AccountStub, OrderStub } from '../foreign-entities.js';
import { Site } from '../site/site.entity.js';
import { siteOfVisibleRow } from '../site/site.loaders.js';
import type { SacrificeCaches } from '../shared/entity-caches.js';
import { visibleOrderIds, visibleShares } from './sacrifice.policy.js';
import { SacrificeConnection } from './sacrifice.connection.js';
import { Sacrifice } from './sacrifice.entity.js';
import { sacrificeById, sharesBySacrificeId } from './sacrifice.loaders.js';
import type { SacrificeRepository } from './sacrifice.repository.js';
import { SacrificeStatus } from './sacrifice-status.js';

@Resolver(() => Sacrifice)
export class SacrificeResolver {
  constructor(
    private readonly repository: SacrificeRepository,
    private readonly caches: SacrificeCaches,
  ) {}

  @Query(() => Sacrifice, {
    description: 'A donor with a share in it, its executor, reviewers and organizers; NOT_FOUND for anyone else.',
  })
  @Authorized()
  async sacrifice(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Sacrifice> {
    const s = await sacrificeById(ctx).load(assertId(id));
    if (!s) throw notFound('Sacrifice', id);
    return s;
  }

  @Query(() => SacrificeConnection, {
    description:
      'Executors: sacrifices assigned to them, with the names to pronounce. Donors: sacrifices carrying their shares.',
  })
  @Authorized(Role.DONOR, Role.EXECUTOR)
  mySacrifices(
    @Args() page: PageArgs,
    @Arg('status', () => SacrificeStatus, { nullable: true }) status: SacrificeStatus | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.repository.listMine(ctx.em, ctx.viewer, status ?? undefined, page);
  }

  @Query(() => SacrificeConnection, {
    description: 'Organizers only: sacrifices, optionally of one site and status, oldest first.',
  })
  @Authorized(Role.ORGANIZER)
  sacrifices(
    @Arg('siteId', () => ID, { nullable: true }) siteId: string | undefined,
    @Arg('status', () => SacrificeStatus, { nullable: true }) status: SacrificeStatus | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.repository.listForOrganizer(
      ctx.em,
      { siteId: siteId ? assertId(siteId, 'siteId') : undefined, status: status ?? undefined },
      page,
    );
  }

  @FieldResolver(() => Animal)
  async animal(@Root() s: Sacrifice, @Ctx() ctx: SubgraphContext): Promise<Animal> {
    const animal = await animalOfVisibleSacrifice(ctx, this.caches.animals).load(s.animalId);
    if (!animal) throw notFound('Animal', s.animalId);
    return animal;
  }

  @FieldResolver(() => Site)
  async site(@Root() s: Sacrifice, @Ctx() ctx: SubgraphContext): Promise<Site> {
    const site = await siteOfVisibleRow(ctx, this.caches.sites).load(s.siteId);
    if (!site) throw notFound('Site', s.siteId);
    return site;
  }

  @FieldResolver(() => [OrderShare], { description: 'Shares on this animal; a co-owning donor sees only their own.' })
  async shares(@Root() s: Sacrifice, @Ctx() ctx: SubgraphContext): Promise<OrderShare[]> {
    const shares = await sharesBySacrificeId(ctx).load(s.id);
    return visibleShares(ctx.viewer, s, shares);
  }

  @FieldResolver(() => [String], {
    description:
      'The name each share is offered for (up to 7), to be said at the sacrifice; a co-owning donor sees only their own.',
  })
  async namesToPronounce(@Root() s: Sacrifice, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    return (await this.shares(s, ctx)).map((share) => share.offeredFor);
  }

  @FieldResolver(() => [OrderStub], {
    description: 'Orders with a share on this animal: organizers all, a donor their own, staff none.',
  })
  async orders(@Root() s: Sacrifice, @Ctx() ctx: SubgraphContext): Promise<OrderStub[]> {
    return visibleOrderIds(ctx.viewer, s, await this.shares(s, ctx)).map((id) => ({ id }));
  }

  @FieldResolver(() => AccountStub, {
    nullable: true,
    description: 'The executor (butcher) assigned; null until assigned.',
  })
  executor(@Root() s: Sacrifice): AccountStub | null {
    return entityRef(s.executorId);
  }
}
