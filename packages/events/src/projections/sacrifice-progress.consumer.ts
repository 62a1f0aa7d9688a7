import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConsumerFactory } from '../messaging.js';
import { Subject, type EventPayload } from '../subjects.js';
import { SacrificeStatus } from '../vocabulary.js';

/** Statuses that can only come after the animal was sacrificed. */
const SACRIFICED: ReadonlySet<string> = new Set([
  SacrificeStatus.PERFORMED,
  SacrificeStatus.VERIFIED,
  SacrificeStatus.FLAGGED,
]);

/**
 * Stores `sacrifice.status-changed` in `sacrifice_progress` (`SacrificeProgress`). Idempotent and order-proof: the
 * status moves only to a newer event's, and `performedAt` is set once, by the first event implying it.
 */
async function recordSacrificeProgress(
  em: EntityManager,
  event: EventPayload<typeof Subject.SacrificeStatusChanged>,
): Promise<void> {
  const at = new Date(event.at);
  const performedAt = SACRIFICED.has(event.status) ? at : null;
  await em.execute(
    `insert into sacrifice_progress (sacrifice_id, order_ids, status, status_at, performed_at)
     values (?, ?::text[], ?, ?, ?)
     on conflict (sacrifice_id) do update set
       order_ids = excluded.order_ids,
       status = case when excluded.status_at >= sacrifice_progress.status_at then excluded.status else sacrifice_progress.status end,
       status_at = greatest(excluded.status_at, sacrifice_progress.status_at),
       performed_at = coalesce(sacrifice_progress.performed_at, excluded.performed_at)`,
    [event.sacrificeId, `{${event.orderIds.map((id) => `"${id}"`).join(',')}}`, event.status, at, performedAt],
  );
}

/** The consumer that keeps a subgraph's `SacrificeProgress` table; `durable` names it (one per subgraph). */
export const sacrificeProgressConsumer =
  (durable: string): ConsumerFactory =>
  (base) =>
    base.start({ durable, subjects: [Subject.SacrificeStatusChanged], handler: recordSacrificeProgress });
