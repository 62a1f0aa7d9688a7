import type { FilterQuery } from '@mikro-orm/core';
import { hasRole, isOrganizer, Role, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import type { Route } from './route.entity.js';

/**
 * Who sees a route (it lists other families' stops and the van's trail): organizers and its
 * driver. A donor reaching `Delivery.route` gets null; a tracking link never sees one.
 */
export function routeFilter(viewer: Viewer | null): FilterQuery<Route> {
  if (isOrganizer(viewer)) return {};
  if (hasRole(viewer, Role.DRIVER)) return { driverId: viewer!.id };
  return NO_ROWS;
}

export const mayFollowRoute = (viewer: Viewer | null, route: Route) =>
  isOrganizer(viewer) || (hasRole(viewer, Role.DRIVER) && route.driverId === viewer!.id);
