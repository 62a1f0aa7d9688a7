import { forbidden, unauthenticated } from './errors.js';
import { Role, type Viewer } from './viewer.js';

/** Returns the viewer or throws UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): boolean {
  return !!viewer && roles.some((r) => viewer.roles.includes(r));
}

/** Returns the viewer when it holds one of `roles`; throws UNAUTHENTICATED or FORBIDDEN. */
export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, ...roles)) throw forbidden();
  return v;
}

export const isOrganizer = (viewer: Viewer | null) => hasRole(viewer, Role.ORGANIZER);
