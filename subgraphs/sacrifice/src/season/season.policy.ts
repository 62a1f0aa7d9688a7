import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '@qurbani/kit';
import { throughSacrifices } from '../sacrifice/sacrifice.policy.js';
import type { Season } from './season.entity.js';

/** Who sees a season (`Site.season`): organizers all; others the seasons of sacrifices they see. */
export const seasonFilter = (viewer: Viewer | null): FilterQuery<Season> =>
  throughSacrifices<Season>(viewer, (a) => `s.season_id = ${a}.id`);
