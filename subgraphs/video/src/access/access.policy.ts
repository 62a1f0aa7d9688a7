import { hasRole, Role, type Viewer } from '@qurbani/kit';
import type { SacrificeAccess } from './sacrifice-access.entity.js';

/** Staff who review or run the season see every video; others only those of their sacrifices. */
export function canSeeVideosOf(viewer: Viewer | null, access: SacrificeAccess | null): boolean {
  if (!viewer) return false;
  if (hasRole(viewer, Role.REVIEWER, Role.ORGANIZER)) return true;
  if (!access) return false;
  return access.executorId === viewer.id || access.donorIds.includes(viewer.id);
}

/** The AI's evidence (frames, transcripts, scores) is for the people who judge it. */
export const canSeeEvidence = (viewer: Viewer | null) => hasRole(viewer, Role.REVIEWER, Role.ORGANIZER);

/** Donors watch the blurred rendition by default; the unblurred original is for staff. */
export const canSeeOriginal = (viewer: Viewer | null) => hasRole(viewer, Role.EXECUTOR, Role.REVIEWER, Role.ORGANIZER);
