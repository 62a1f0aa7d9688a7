import { hasRole, Role, type Viewer } from '@qurbani/kit';
import type { Sacrifice } from './sacrifice.entity.js';

/** Staff who may open any sacrifice by id. */
const QUERY_STAFF = [Role.REVIEWER, Role.ORGANIZER];
/** Staff whose subgraphs reach sacrifices by reference (drivers via meat packs). */
const REFERENCE_STAFF = [Role.REVIEWER, Role.DRIVER, Role.ORGANIZER];

const involved = (viewer: Viewer, s: Sacrifice) => s.executorId === viewer.id || s.donorIds.includes(viewer.id);

/** `sacrifice(id)`: a donor with a share in it, its executor, reviewers and organizers. */
export const canOpenSacrifice = (viewer: Viewer | null, s: Sacrifice): boolean =>
  !!viewer && (involved(viewer, s) || hasRole(viewer, ...QUERY_STAFF));

/** `_entities` and `Order.sacrifices`: as above, plus drivers. */
export const canReferenceSacrifice = (viewer: Viewer | null, s: Sacrifice): boolean =>
  !!viewer && (involved(viewer, s) || hasRole(viewer, ...REFERENCE_STAFF));

/**
 * Whether the viewer sees every share's name, or (a co-owning donor) only their own: names are
 * chosen by other donors, often for the deceased, and are theirs to share.
 */
export const seesAllShares = (viewer: Viewer | null, s: Sacrifice): boolean =>
  !!viewer && (s.executorId === viewer.id || hasRole(viewer, ...REFERENCE_STAFF));
