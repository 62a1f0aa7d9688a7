import { raw, type FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, Role, type Viewer } from '@qurbani/kit';
import type { Hide } from './hide.entity.js';

/**
 * Who sees a hide (status, grade, weight), by whatever path (`hide(id)`, `_entities`,
 * `Sacrifice.hide`, `Lot.hides`): organizers all; a donor the hide of an animal they have a share in
 * (owner ids copied from `sacrifice.allocated`). `Hide.lot` (buyers, prices) stays organizer-only.
 */
export function hideFilter(viewer: Viewer | null): FilterQuery<Hide> {
  if (isOrganizer(viewer)) return {};
  if (!hasRole(viewer, Role.DONOR)) return { id: null };
  return {
    [raw(
      (a) =>
        `exists (select 1 from allocated_sacrifice ha where ha.sacrifice_id = ${a}.sacrifice_id and ha.donor_ids @> array[?]::text[])`,
      [viewer!.id],
    )]: [],
  };
}
