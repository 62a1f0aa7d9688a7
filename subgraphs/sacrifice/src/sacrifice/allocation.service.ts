import { LockMode, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, audit, type AuditActor } from '@qurbani/kit';
import { Animal, AnimalStatus } from '../animal/animal.entity.js';
import { Season } from '../season/season.entity.js';
import { OrderShare } from '../share/order-share.entity.js';
import { sharesPerAnimal } from '../share/shares.rules.js';
import { ALL_SPECIES, type Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';
import { emitAllocated } from './sacrifice.events.js';
import { Sacrifice } from './sacrifice.entity.js';
import type { AllocationResult, SpeciesAllocation } from './sacrifice.results.js';

/** Shares taken per species in one run, so one transaction stays short; run again for the rest. */
const MAX_SHARES_PER_RUN = 7000;

const unique = (values: string[]) => [...new Set(values)];

export class AllocationService {
  constructor(private readonly now: () => Date) {}

  /**
   * First come, first served among paid orders: pending shares of orders the donor subgraph announced
   * paid (`paid_order`; an unpaid order holds its shares until it is paid or expires) fill available
   * animals of their own site in arrival order fill available animals in id order,
   * a whole animal before the next. Shares and animals are claimed with FOR UPDATE SKIP LOCKED, so
   * concurrent runs take disjoint rows and a share never lands on two animals.
   */
  async allocate(
    em: EntityManager,
    actor: AuditActor,
    seasonId: string,
    siteId: string | undefined,
    onlyFullAnimals: boolean,
  ): Promise<AllocationResult> {
    return em.transactional(async (tx) => {
      if (!(await tx.count(Season, { id: seasonId }))) throw notFound('Season', seasonId);
      if (siteId) {
        const site = await tx.findOne(Site, { id: siteId });
        if (!site) throw notFound('Site', siteId);
        if (site.seasonId !== seasonId) throw badInput('This site belongs to another season.', 'siteId');
      }
      const bySpecies: SpeciesAllocation[] = ALL_SPECIES.map((species) => ({
        species,
        sacrificesCreated: 0,
        sharesAllocated: 0,
        sharesPending: 0,
      }));
      // Only the sites and species that have an animal left: a season may have hundreds of sites.
      const targets: { site_id: string; species: Species }[] = await tx.execute(
        `select distinct site_id, species from animal where season_id = ? and status = ?${siteId ? ' and site_id = ?' : ''} order by site_id, species`,
        [seasonId, AnimalStatus.AVAILABLE, ...(siteId ? [siteId] : [])],
      );
      for (const target of targets) {
        const done = await this.allocateSpecies(tx, target.species, seasonId, target.site_id, onlyFullAnimals);
        const row = bySpecies.find((r) => r.species === target.species)!;
        row.sacrificesCreated += done.sacrificesCreated;
        row.sharesAllocated += done.sharesAllocated;
        // Written before the next site's query: this transaction's own row locks do not hide the
        // shares it just took, only their stored sacrifice_id does.
        await tx.flush();
      }
      await tx.flush();
      const pending: { species: Species; n: string }[] = await tx.execute(
        'select species, count(*) as n from order_share where sacrifice_id is null group by species',
      );
      for (const row of bySpecies) row.sharesPending = Number(pending.find((p) => p.species === row.species)?.n ?? 0);
      const result = {
        sacrificesCreated: bySpecies.reduce((n, s) => n + s.sacrificesCreated, 0),
        sharesAllocated: bySpecies.reduce((n, s) => n + s.sharesAllocated, 0),
        sharesPending: bySpecies.reduce((n, s) => n + s.sharesPending, 0),
        bySpecies,
      };
      // One record per run: the counts (each sacrifice's own story is in its events).
      await audit(tx, 'sacrifice', actor, {
        action: 'allocation.run',
        entityType: 'Season',
        entityIds: siteId ? [seasonId, siteId] : [seasonId],
        after: { ...result, bySpecies: undefined, onlyFullAnimals },
      });
      return result;
    });
  }

  private async allocateSpecies(
    tx: EntityManager,
    species: Species,
    seasonId: string,
    siteId: string,
    onlyFullAnimals: boolean,
  ): Promise<SpeciesAllocation> {
    const result = { species, sacrificesCreated: 0, sharesAllocated: 0, sharesPending: 0 };
    const shares = await tx.find(
      OrderShare,
      {
        species,
        sacrificeId: null,
        // Shares of orders placed before prices carry no site and may go to any site of the season.
        $or: [{ siteId }, { siteId: null }],
        [raw((a) => `exists (select 1 from paid_order p where p.order_id = ${a}.order_id)`)]: [],
      },
      {
        orderBy: { shareId: 'asc' },
        limit: MAX_SHARES_PER_RUN,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      },
    );
    const groups = sharesPerAnimal(shares, species, onlyFullAnimals);
    if (groups.length === 0) return result;
    const animals = await tx.find(
      Animal,
      { seasonId, species, status: AnimalStatus.AVAILABLE, siteId },
      {
        orderBy: { id: 'asc' },
        limit: groups.length,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      },
    );
    const at = this.now();
    animals.forEach((animal, i) => {
      const group = groups[i]!;
      const sacrifice = tx.create(Sacrifice, {
        animalId: animal.id,
        siteId: animal.siteId,
        seasonId,
        species,
        orderIds: unique(group.map((s) => s.orderId)),
        donorIds: unique(group.map((s) => s.donorId)),
        shareCount: group.length,
        createdAt: at,
      });
      for (const share of group) share.sacrificeId = sacrifice.id;
      animal.status = AnimalStatus.ALLOCATED;
      emitAllocated(tx, sacrifice, at);
      result.sacrificesCreated += 1;
      result.sharesAllocated += group.length;
    });
    return result;
  }
}
