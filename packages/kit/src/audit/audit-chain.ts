import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '../ids.js';
import type { Viewer } from '../viewer.js';
import { canonicalJson } from './canonical-json.js';

/** Who acted: a resolver's context fits as is (`viewer`, `requestId`); `null` viewer = the system. */
export interface AuditActor {
  readonly viewer: Viewer | null;
  readonly requestId?: string | null;
}

/** What changed. Summaries carry statuses, amounts and ids only, never names, phones or addresses. */
export interface AuditEntry {
  readonly action: string;
  readonly entityType: string;
  readonly entityIds: readonly string[];
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}

/** The system acting on its own (sweeps, event consumers). */
export const SYSTEM_ACTOR: AuditActor = { viewer: null, requestId: null };

// One advisory lock per database (each subgraph has its own): writers of the trail queue on it until
// they commit, so two transactions never read the same last hash and fork the chain. It is taken
// last in a change's transaction, so it is held only for the commit.
const AUDIT_LOCK = 7_361_200_011;

interface ChainedFields {
  seq: string;
  id: string;
  scope: string;
  at: Date;
  actorId: string | null;
  actorRoles: string[];
  action: string;
  entityType: string;
  entityIds: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

/** sha256 over the previous hash and every field of the record, in one canonical form. */
export function auditHash(prevHash: string, record: ChainedFields): string {
  const body = canonicalJson({ ...record, at: record.at.toISOString(), prevHash });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one record to this subgraph's audit trail inside the caller's transaction (it refuses to
 * run outside one): the record commits or rolls back with the change it describes. Call it after the
 * change's own checks, just before the transaction ends.
 */
export async function audit(em: EntityManager, scope: string, actor: AuditActor, entry: AuditEntry): Promise<void> {
  if (!em.isInTransaction()) throw new Error(`audit(${entry.action}) must run inside the change's transaction`);
  await em.execute('select pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
  const [last] = await em.execute<{ seq: string; hash: string }[]>(
    'select seq, hash from audit_record order by seq desc limit 1',
  );
  const viewer = actor.viewer;
  const record: ChainedFields = {
    seq: String(BigInt(last?.seq ?? 0) + 1n),
    id: newId(),
    scope,
    at: new Date(),
    actorId: viewer?.trackingDeliveryId ? null : (viewer?.id ?? null),
    actorRoles: [...(viewer?.roles ?? [])],
    action: entry.action,
    entityType: entry.entityType,
    entityIds: [...entry.entityIds],
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
  };
  const prevHash = last?.hash ?? '';
  await em.execute(
    `insert into audit_record (seq, id, scope, at, actor_id, actor_roles, action, entity_type, entity_ids, before, after, request_id, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?::text[], ?::jsonb, ?::jsonb, ?, ?, ?)`,
    [
      record.seq,
      record.id,
      scope,
      record.at,
      record.actorId,
      pgArray(record.actorRoles),
      record.action,
      record.entityType,
      pgArray(record.entityIds),
      record.before ? canonicalJson(record.before) : null,
      record.after ? canonicalJson(record.after) : null,
      record.requestId,
      prevHash,
      auditHash(prevHash, record),
    ],
  );
}

const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** The answer of `verifyAuditChain`. */
export interface AuditChainCheck {
  valid: boolean;
  checked: number;
  /** The first record whose hash or link does not match (edited, inserted or a predecessor deleted). */
  brokenAtId: string | null;
}

/** Re-computes every hash of this subgraph's trail in order, in pages, and reports the first break. */
export async function verifyAuditChain(em: EntityManager): Promise<AuditChainCheck> {
  let prevHash = '';
  let checked = 0;
  let afterSeq = '0';
  for (;;) {
    const rows = await em.execute<(ChainedFields & { prevHash: string; hash: string })[]>(
      `select seq, id, scope, at, actor_id as "actorId", actor_roles as "actorRoles", action, entity_type as "entityType",
              entity_ids as "entityIds", before, after, request_id as "requestId", prev_hash as "prevHash", hash
         from audit_record where seq > ? order by seq limit 1000`,
      [afterSeq],
    );
    for (const row of rows) {
      const { prevHash: storedPrev, hash, ...fields } = row;
      const at = fields.at instanceof Date ? fields.at : new Date(fields.at);
      const seq = String(fields.seq);
      // A deleted record leaves a gap in `seq` and a link that no longer matches.
      if (
        seq !== String(checked + 1) ||
        storedPrev !== prevHash ||
        auditHash(prevHash, { ...fields, seq, at }) !== hash
      )
        return { valid: false, checked, brokenAtId: row.id };
      prevHash = hash;
      checked++;
      afterSeq = seq;
    }
    if (rows.length < 1000) return { valid: true, checked, brokenAtId: null };
  }
}
