import type { AuthCheckerFn } from 'type-graphql';
import type { SubgraphContext } from './context.js';
import { forbidden, unauthenticated } from './errors.js';
import { Role, type Viewer } from './viewer.js';

/*
 * Authorization has two layers, each in one place:
 * - roles: `@Authorized(Role.X, ...)` on a resolver, checked by `authChecker` below (every
 *   subgraph's schema is built with it by `buildFederatedSchema`);
 * - rows: each module's `<module>.policy.ts`, a SQL filter and a predicate used by every loader,
 *   root field, `__resolveReference` and field resolver that reaches the module's rows.
 */

/** A family's tracking link: no account, one delivery. */
export const isTrackingLink = (viewer: Viewer | null): boolean => !!viewer?.trackingDeliveryId;

/** A signed-in account (not anonymous, not a tracking link). */
export const isAccount = (viewer: Viewer | null): viewer is Viewer => !!viewer && !viewer.trackingDeliveryId;

/** Returns the viewer or throws UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** Returns a signed-in account; a tracking link gets FORBIDDEN (it opens one delivery, nothing else). */
export function requireAccount(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (isTrackingLink(v)) throw forbidden('A tracking link can only read its delivery.');
  return v;
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return isAccount(viewer) && roles.some((r) => viewer.roles.includes(r));
}

/**
 * Returns the viewer when it holds one of `roles`; throws UNAUTHENTICATED or FORBIDDEN. Resolvers
 * use `@Authorized(...)` instead; this is for code outside resolvers (HTTP routes).
 */
export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireAccount(viewer);
  if (!hasRole(v, ...roles)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  return v;
}

export const isOrganizer = (viewer: Viewer | null) => hasRole(viewer, Role.ORGANIZER);

/**
 * type-graphql's auth checker: `@Authorized()` admits any signed-in account, `@Authorized(A, B)`
 * an account holding A or B. It throws our coded errors (UNAUTHENTICATED, FORBIDDEN with the roles
 * needed) rather than type-graphql's own, so clients see the same codes as everywhere else.
 */
export const authChecker: AuthCheckerFn<SubgraphContext, Role> = ({ context }, roles) => {
  const viewer = requireAccount(context.viewer);
  if (roles.length > 0 && !hasRole(viewer, ...roles)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  return true;
};
