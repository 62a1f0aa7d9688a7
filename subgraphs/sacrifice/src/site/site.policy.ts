import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '@qurbani/kit';
import { throughSacrifices } from '../sacrifice/sacrifice.policy.js';
import type { Site } from './site.entity.js';

/** Who sees a site (`Sacrifice.site`, `Animal.site`): organizers all; others the sites of sacrifices they see. */
export const siteFilter = (viewer: Viewer | null): FilterQuery<Site> =>
  throughSacrifices<Site>(viewer, (a) => `s.site_id = ${a}.id`);
