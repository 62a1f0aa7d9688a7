import type { FilterQuery } from '@mikro-orm/core';
import { isOrganizer, type Viewer } from '@qurbani/kit';
import type { Lot } from './lot.entity.js';

/**
 * Lots, buyers and sales lead to prices and tanneries' contacts: organizers only, by every path
 * (root fields, `_entities`, `Hide.lot`, `Lot.sale`, `Sale.lot`, `Sale.buyer`).
 */
export const organizerOnly = <T extends { id: string }>(viewer: Viewer | null): FilterQuery<T> =>
  (isOrganizer(viewer) ? {} : { id: null }) as FilterQuery<T>;

export const lotFilter = (viewer: Viewer | null) => organizerOnly<Lot>(viewer);
