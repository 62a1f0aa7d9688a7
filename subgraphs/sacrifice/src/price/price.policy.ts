import type { FilterQuery } from '@mikro-orm/core';
import { isAccount, type Viewer } from '@qurbani/kit';
import type { SharePrice } from './share-price.entity.js';

/**
 * Who sees the price list: every signed-in account, since donors order from it (prices and the
 * names of the sites that sell are public); tracking links and anonymous callers see none. Only
 * organizers set prices (`@Authorized(Role.ORGANIZER)` on `setSharePrice`).
 */
export const priceFilter = (viewer: Viewer | null): FilterQuery<SharePrice> =>
  isAccount(viewer) ? {} : ({ id: null } as FilterQuery<SharePrice>);
