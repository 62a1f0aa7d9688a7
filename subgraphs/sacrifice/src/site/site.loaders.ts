import { cachedLoader, type EntityCache, type SubgraphContext } from '@qurbani/kit';
import type { Site } from './site.entity.js';

/**
 * Who sees a site: organizers all (the `sites` query); everyone else the sites of the sacrifices
 * and animals they see, which is the only way there: `Sacrifice.site` and `Animal.site`. So the
 * site of a row the viewer already sees comes from the shared cache without a filter.
 */
export const siteOfVisibleRow = (ctx: SubgraphContext, cache: EntityCache<Site>) => cachedLoader(ctx, cache);
