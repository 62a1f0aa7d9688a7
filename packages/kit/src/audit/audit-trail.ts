import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../errors.js';
import { AuditRecord } from './audit-record.entity.js';

/** What organizers filter a trail by; every part optional, newest first. */
export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
  limit?: number | null;
}

/** One page of a subgraph's trail, newest first (indexes: entity type, actor, action, each with time). */
export function findAuditRecords(em: EntityManager, filter: AuditFilter): Promise<AuditRecord[]> {
  const limit = filter.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput('limit must be between 1 and 500.', 'limit');
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to.', 'from');
  const at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  return em.find(
    AuditRecord,
    {
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.entityId ? { entityIds: { $contains: [filter.entityId] } } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.from || filter.to ? { at } : {}),
    },
    { orderBy: { seq: 'desc' }, limit },
  );
}
