import { hasRole, isOrganizer, Role, type Viewer } from '@qurbani/kit';

/** Staff who work on sacrifices and may follow references to the orders and donors behind them. */
const STAFF = [Role.EXECUTOR, Role.REVIEWER, Role.DRIVER] as const;

/** The donor themself or an organizer: the only viewers of a donor's phone and orders by id. */
export const isSelfOrOrganizer = (viewer: Viewer | null, donorId: string) => viewer?.id === donorId || isOrganizer(viewer);

/**
 * Who may resolve an Order or Donor reached through another subgraph: the owner, organizers, and
 * field staff (the plan that led them here started from a sacrifice they work on).
 */
export const mayFollowReference = (viewer: Viewer | null, donorId: string) =>
  isSelfOrOrganizer(viewer, donorId) || hasRole(viewer, ...STAFF);
