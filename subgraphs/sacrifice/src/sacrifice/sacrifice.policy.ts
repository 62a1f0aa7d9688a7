import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, Role, type Viewer } from '@qurbani/kit';
import type { OrderShare } from '../share/order-share.entity.js';
import type { Sacrifice } from './sacrifice.entity.js';

/** A row filter nothing matches. */
const NO_ROWS = { id: null } as const;

/** Staff who see every sacrifice: organizers run them, reviewers judge their videos. */
const SEE_ALL = [Role.ORGANIZER, Role.REVIEWER];

/**
 * Who sees a sacrifice, by whatever path (`sacrifice(id)`, `mySacrifices`, `_entities`,
 * `Order.sacrifices`): a donor with a share in it, its assigned executor, reviewers and organizers.
 * Drivers carry packs, not sacrifices; a tracking link sees none.
 */
export function sacrificeFilter(viewer: Viewer | null): FilterQuery<Sacrifice> {
  if (hasRole(viewer, ...SEE_ALL)) return {};
  return mine(viewer) ?? NO_ROWS;
}

/** The sacrifices a donor or executor has as their own (`mySacrifices`); null when they have none. */
export function mine(viewer: Viewer | null): FilterQuery<Sacrifice> | null {
  const own: FilterQuery<Sacrifice>[] = [];
  if (hasRole(viewer, Role.EXECUTOR)) own.push({ executorId: viewer!.id });
  if (hasRole(viewer, Role.DONOR)) own.push({ donorIds: { $contains: [viewer!.id] } });
  return own.length ? { $or: own } : null;
}

/**
 * SQL for rows reached through a sacrifice (animals, sites, seasons): the sacrifices `s` the
 * viewer sees. `where` joins `s` to the row. Organizers see every such row without it.
 */
export function throughSacrifices<T>(viewer: Viewer | null, where: (alias: string) => string): FilterQuery<T> {
  if (isOrganizer(viewer)) return {};
  if (hasRole(viewer, Role.REVIEWER))
    return { [raw((a) => `exists (select 1 from sacrifice s where ${where(a)})`)]: [] } as FilterQuery<T>;
  const clauses: string[] = [];
  const params: string[] = [];
  if (hasRole(viewer, Role.EXECUTOR)) {
    clauses.push('s.executor_id = ?');
    params.push(viewer!.id);
  }
  if (hasRole(viewer, Role.DONOR)) {
    clauses.push('s.donor_ids @> array[?]::text[]');
    params.push(viewer!.id);
  }
  if (!clauses.length) return NO_ROWS as FilterQuery<T>;
  return {
    [raw((a) => `exists (select 1 from sacrifice s where ${where(a)} and (${clauses.join(' or ')}))`, params)]: [],
  } as FilterQuery<T>;
}

/**
 * Who sees every share of a sacrifice (names, orders): its executor, reviewers, organizers. A
 * co-owning donor sees only their own shares: the names were chosen by other donors, often for the
 * deceased, and are theirs to share.
 */
const seesAllShares = (viewer: Viewer | null, s: Sacrifice): boolean =>
  hasRole(viewer, ...SEE_ALL) || (hasRole(viewer, Role.EXECUTOR) && s.executorId === viewer!.id);

/** The shares of a sacrifice the viewer may see. */
export const visibleShares = (viewer: Viewer | null, s: Sacrifice, shares: OrderShare[]): OrderShare[] =>
  seesAllShares(viewer, s) ? shares : shares.filter((share) => share.donorId === viewer?.id);

/**
 * `Sacrifice.orders`: orders are the donor's money (payments, amounts), so organizers see every
 * order on the animal, a donor their own, and staff none (the names they need are on the shares).
 */
export const visibleOrderIds = (viewer: Viewer | null, s: Sacrifice, shares: OrderShare[]): string[] => {
  if (isOrganizer(viewer)) return s.orderIds;
  return [...new Set(shares.filter((share) => share.donorId === viewer?.id).map((share) => share.orderId))];
};
