import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, Role, type Viewer } from '@qurbani/kit';
import type { OrderShare } from './order-share.entity.js';

/**
 * Who sees a share (its name, its order): organizers and reviewers all, an executor the shares of
 * sacrifices assigned to them, a donor their own. Same rule as `seesAllShares`/`visibleShares`,
 * applied in SQL by the loader.
 */
export function shareFilter(viewer: Viewer | null): FilterQuery<OrderShare> {
  if (hasRole(viewer, Role.ORGANIZER, Role.REVIEWER)) return {};
  const own: FilterQuery<OrderShare>[] = [];
  if (hasRole(viewer, Role.EXECUTOR))
    own.push({
      [raw(
        (a) => `exists (select 1 from sacrifice s where s.id = ${a}.sacrifice_id and s.executor_id = ?)`,
        [viewer!.id],
      )]: [],
    });
  if (hasRole(viewer, Role.DONOR)) own.push({ donorId: viewer!.id });
  return own.length ? { $or: own } : ({ shareId: null } as FilterQuery<OrderShare>);
}
