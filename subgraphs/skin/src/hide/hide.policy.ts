import { isOrganizer, type Viewer } from '@qurbani/kit';
import type { AllocatedSacrifice } from '../allocation/allocated-sacrifice.entity.js';

/** Organizers see every hide; a donor sees the hide of an animal they have a share in. */
export function canSeeHide(viewer: Viewer | null, allocation: AllocatedSacrifice): boolean {
  return isOrganizer(viewer) || (!!viewer && allocation.donorIds.includes(viewer.id));
}
