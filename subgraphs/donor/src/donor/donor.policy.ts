import type { FilterQuery } from '@mikro-orm/core';
import { isAccount, isOrganizer, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import type { Donor } from './donor.entity.js';

/**
 * Who sees a donor's profile (language, channels, phone), by whatever path (`myDonorProfile`,
 * `Order.donor`, `Account.donorProfile`, `_entities`): the donor themself and organizers.
 */
export function donorFilter(viewer: Viewer | null): FilterQuery<Donor> {
  if (isOrganizer(viewer)) return {};
  if (isAccount(viewer)) return { id: viewer.id };
  return NO_ROWS;
}

export const maySeeDonor = (viewer: Viewer | null, donorId: string) =>
  isOrganizer(viewer) || (isAccount(viewer) && viewer.id === donorId);
