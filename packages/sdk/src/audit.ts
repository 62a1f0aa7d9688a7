import type { AuditTrailQuery } from './generated/graphql.js';

/** One audit record as `AuditTrailDocument` returns it, from any subgraph. */
export type AuditTrailRecord = AuditTrailQuery['identityAuditTrail'][number];

/**
 * The six per-subgraph trails of an `AuditTrailDocument` answer as one list, newest first (ties by
 * subgraph and chain position). Each subgraph keeps its own chain in its own database; this is the
 * organizer's merged view of them.
 */
export function mergeAuditTrails(data: AuditTrailQuery): AuditTrailRecord[] {
  return Object.values(data)
    .flat()
    .sort(
      (a, b) =>
        String(b.at).localeCompare(String(a.at)) || a.scope.localeCompare(b.scope) || Number(b.seq) - Number(a.seq),
    );
}
