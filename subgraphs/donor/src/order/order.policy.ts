import type { FilterQuery } from '@mikro-orm/core';
import { isAccount, isOrganizer, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import type { Order } from './order.entity.js';

/**
 * Who sees an order (its shares' names, amount and payments), by whatever path (`order(id)`,
 * `myOrders`, `_entities` from `Sacrifice.orders`): its donor and organizers. Field staff work on
 * sacrifices, which carry the names they need; an order is the donor's money, not theirs.
 */
export function orderFilter(viewer: Viewer | null): FilterQuery<Order> {
  if (isOrganizer(viewer)) return {};
  if (isAccount(viewer)) return { donorId: viewer.id };
  return NO_ROWS;
}

/** Who may change an order (cancel it): its donor only. */
export const ownedBy = (donorId: string): FilterQuery<Order> => ({ donorId });
