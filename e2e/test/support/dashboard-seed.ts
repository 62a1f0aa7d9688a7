/**
 * A season's worth of rows written straight into the sacrifice and skin databases with one
 * `generate_series` insert per table (a benchmark cannot wait for 100,000 allocations through the
 * API). Row `i` gets the same uuid (`md5(tag || i)`) in both databases, as `sacrifice.allocated`
 * would have carried it. Statuses cycle ALLOCATED, ASSIGNED, PERFORMED, VERIFIED, FLAGGED; every
 * performed one has a hide, some at risk.
 */
export type Execute = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export interface SeedPlan {
  seasonId: string;
  siteIds: string[];
  sacrifices: number;
  /** Shares still waiting for an animal (SHEEP). */
  pendingShares: number;
  /** Distinguishes the rows of one seeding from another's. */
  tag: string;
  now: Date;
}

const uuidOf = (expr: string) => `md5(${expr})::uuid`;
/** A Postgres array literal: the driver binds a JS array as a list, not one value. */
const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

export async function seedSacrifices(sacrificeDb: Execute, plan: SeedPlan): Promise<void> {
  const id = uuidOf(`? || i`);
  const site = `(?::uuid[])[1 + i % ?]`;
  await sacrificeDb(
    `insert into animal (id, site_id, season_id, species, tag, status, shares_capacity, created_at)
     select ${uuidOf(`'a' || ? || i`)}, ${site}, ?, 'SHEEP', ? || '-' || i, 'ALLOCATED', 1, ?
       from generate_series(1, ?) i`,
    [plan.tag, pgArray(plan.siteIds), plan.siteIds.length, plan.seasonId, plan.tag, plan.now, plan.sacrifices],
  );
  await sacrificeDb(
    `insert into sacrifice (id, animal_id, site_id, season_id, species, order_ids, donor_ids, status, performed_at, created_at)
     select ${id}, ${uuidOf(`'a' || ? || i`)}, ${site}, ?, 'SHEEP', array[${uuidOf(`'o' || ? || i`)}::text],
            array[${uuidOf(`'d' || ? || (i % 997)`)}::text],
            (array['ALLOCATED','ASSIGNED','PERFORMED','VERIFIED','FLAGGED'])[1 + i % 5],
            case when i % 5 >= 2 then ?::timestamptz - make_interval(mins => i % 180) end, ?
       from generate_series(1, ?) i`,
    [
      plan.tag,
      plan.tag,
      pgArray(plan.siteIds),
      plan.siteIds.length,
      plan.seasonId,
      plan.tag,
      plan.tag,
      plan.now,
      plan.now,
      plan.sacrifices,
    ],
  );
  await sacrificeDb(
    `insert into order_share (share_id, order_id, donor_id, species, offered_for, sacrifice_id, received_at)
     select ${uuidOf(`'s' || ? || i`)}, ${uuidOf(`'o' || ? || i`)}, ${uuidOf(`'d' || ? || (i % 997)`)}, 'SHEEP',
            'Name ' || i, case when i <= ? then ${id} end, ?
       from generate_series(1, ? + ?) i`,
    [plan.tag, plan.tag, plan.tag, plan.sacrifices, plan.tag, plan.now, plan.sacrifices, plan.pendingShares],
  );
  await sacrificeDb('analyze sacrifice; analyze order_share; analyze animal');
}

export async function seedHides(skinDb: Execute, plan: SeedPlan): Promise<void> {
  const id = uuidOf(`? || i`);
  await skinDb(
    `insert into allocated_sacrifice (sacrifice_id, site_id, species, donor_ids, allocated_at)
     select ${id}, (?::uuid[])[1 + i % ?], 'SHEEP', '{}', ? from generate_series(1, ?) i`,
    [plan.tag, pgArray(plan.siteIds), plan.siteIds.length, plan.now, plan.sacrifices],
  );
  // Performed ones only; the deadline spreads from 3 h ago to 3 h ahead.
  await skinDb(
    `insert into hide (id, sacrifice_id, site_id, species, collected_at, preserve_by, weight_kg, status, updated_at, season)
     select ${uuidOf(`'h' || ? || i`)}, ${id}, (?::uuid[])[1 + i % ?], 'SHEEP', ?, ?::timestamptz + make_interval(hours => i % 7 - 3), 2.5,
            (array['COLLECTED','PRESERVED','SPOILED'])[1 + i % 3], ?, '1448'
       from generate_series(1, ?) i where i % 5 >= 2`,
    [plan.tag, plan.tag, pgArray(plan.siteIds), plan.siteIds.length, plan.now, plan.now, plan.now, plan.sacrifices],
  );
  await skinDb('analyze allocated_sacrifice; analyze hide');
}

/** One proof-video attempt per seeded sacrifice, the statuses cycling through every one. */
export async function seedVideos(videoDb: Execute, plan: SeedPlan): Promise<void> {
  const id = uuidOf(`? || i`);
  await videoDb(
    `insert into sacrifice_access (sacrifice_id, site_id, donor_ids, updated_at)
     select ${id}, (?::uuid[])[1 + i % ?], '{}', ? from generate_series(1, ?) i`,
    [plan.tag, pgArray(plan.siteIds), plan.siteIds.length, plan.now, plan.sacrifices],
  );
  await videoDb(
    `insert into video (id, sacrifice_id, status, created_at, updated_at)
     select ${uuidOf(`'v' || ? || i`)}, ${id},
            (array['AWAITING_UPLOAD','UPLOADED','PROCESSING','VALIDATED','FLAGGED','APPROVED','REJECTED','FAILED'])[1 + i % 8],
            ?, ? from generate_series(1, ?) i`,
    [plan.tag, plan.tag, plan.now, plan.now, plan.sacrifices],
  );
}

/** One pack and one delivery per performed seeded sacrifice, the statuses cycling through every one. */
export async function seedDeliveries(deliveryDb: Execute, plan: SeedPlan): Promise<void> {
  const id = uuidOf(`? || i`);
  await deliveryDb(
    `insert into allocated_sacrifice (sacrifice_id, site_id, species, donor_ids, allocated_at)
     select ${id}, (?::uuid[])[1 + i % ?], 'SHEEP', '{}', ? from generate_series(1, ?) i`,
    [plan.tag, pgArray(plan.siteIds), plan.siteIds.length, plan.now, plan.sacrifices],
  );
  await deliveryDb(
    `insert into meat_pack (id, sacrifice_id, weight_grams, created_at)
     select ${uuidOf(`'p' || ? || i`)}, ${id}, 1000, ? from generate_series(1, ?) i where i % 5 >= 2`,
    [plan.tag, plan.tag, plan.now, plan.sacrifices],
  );
  await deliveryDb(
    `insert into delivery (id, recipient_id, pack_id, campaign, status, pin_salt, pin_hash, created_at)
     select ${uuidOf(`'y' || ? || i`)}, ${uuidOf(`'r' || ? || i`)}, ${uuidOf(`'p' || ? || i`)}, '1448',
            (array['PLANNED','ASSIGNED','OUT_FOR_DELIVERY','DELIVERED','FAILED'])[1 + (i / 5) % 5], 'x', 'x', ?
       from generate_series(1, ?) i where i % 5 >= 2`,
    [plan.tag, plan.tag, plan.tag, plan.now, plan.sacrifices],
  );
}

/** What the dashboard must show, counted straight from the databases without its indexes or code. */
export async function directCounts(sacrificeDb: Execute, skinDb: Execute, seasonId: string, now: Date) {
  const count = (rows: unknown[]) =>
    Object.fromEntries((rows as { k: string; n: string }[]).map((r) => [r.k, Number(r.n)]));
  const sacrifices = count(
    await sacrificeDb('select status as k, count(*) as n from sacrifice where season_id = ? group by status', [
      seasonId,
    ]),
  );
  const pending = count(
    await sacrificeDb(
      'select species as k, count(*) as n from order_share where sacrifice_id is null group by species',
    ),
  );
  const [allocated] = (await sacrificeDb(
    `select count(*) as n from order_share where sacrifice_id in (select id from sacrifice where season_id = ?)`,
    [seasonId],
  )) as { n: string }[];
  const siteIds = ((await sacrificeDb('select id from site where season_id = ?', [seasonId])) as { id: string }[]).map(
    (r) => r.id,
  );
  const hides = count(
    await skinDb(
      `select status as k, count(*) as n from hide
        where sacrifice_id in (select sacrifice_id from allocated_sacrifice where site_id = any(?::uuid[])) group by status`,
      [pgArray(siteIds)],
    ),
  );
  const [atRisk] = (await skinDb(
    `select count(*) as n from hide where status = 'COLLECTED' and preserve_by <= ?
        and sacrifice_id in (select sacrifice_id from allocated_sacrifice where site_id = any(?::uuid[]))`,
    [new Date(now.getTime() + 3_600_000), pgArray(siteIds)],
  )) as { n: string }[];
  return { sacrifices, pending, allocatedShares: Number(allocated!.n), hides, hidesAtRisk: Number(atRisk!.n) };
}

/** The same figures as the dashboard answered them, shaped like {@link directCounts}. */
export function dashboardCounts(d: {
  sacrificesByStatus: { status: string; count: number }[];
  allocationPendingBySpecies: { species: string; count: number }[];
  sharesByStatus: { status: string; count: number }[];
  hidesByStatus: { status: string; count: number }[];
  hidesAtRisk: number;
}) {
  const nonZero = (rows: { key: string; count: number }[]) =>
    Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));
  return {
    sacrifices: nonZero(d.sacrificesByStatus.map((r) => ({ key: r.status, count: r.count }))),
    pending: nonZero(d.allocationPendingBySpecies.map((r) => ({ key: r.species, count: r.count }))),
    allocatedShares: d.sharesByStatus.find((r) => r.status === 'ALLOCATED')?.count ?? 0,
    hides: nonZero(d.hidesByStatus.map((r) => ({ key: r.status, count: r.count }))),
    hidesAtRisk: d.hidesAtRisk,
  };
}
