import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject } from '@qurbani/events';
import { audit, SYSTEM_ACTOR } from '@qurbani/kit';
import { HideStatus } from './hide.enums.js';
import { atRiskDeadline } from './hide-deadline.rules.js';

const BATCH = 500;

interface SweptHide {
  id: string;
  siteId: string;
  collectedBy: string | null;
  preserveBy: Date;
}

/**
 * The scheduled pass over unsalted hides: an alert when one becomes at risk, SPOILED once its
 * deadline passed. Exactly once across replicas and restarts: each step is a conditional UPDATE
 * (`alerted_at is null`, `status = 'COLLECTED'`) whose RETURNING rows get their notification in
 * the same transaction (outbox); a second replica running at the same moment waits on the row
 * locks and then finds nothing left to change.
 */
export class HideSweepService {
  constructor(private readonly now: () => Date) {}

  async sweep(em: EntityManager): Promise<{ alerted: number; spoiled: number }> {
    const now = this.now();
    return em.fork().transactional(async (tx) => {
      const alerted = await tx.execute<SweptHide[]>(
        `update hide h set alerted_at = ? from allocated_sacrifice a
          where h.id in (select id from hide where status = ? and alerted_at is null and preserve_by <= ?
                         order by preserve_by limit ${BATCH})
            and h.status = ? and h.alerted_at is null and a.sacrifice_id = h.sacrifice_id
          returning h.id, a.site_id as "siteId", h.collected_by as "collectedBy", h.preserve_by as "preserveBy"`,
        [now, HideStatus.COLLECTED, atRiskDeadline(now), HideStatus.COLLECTED],
      );
      for (const hide of alerted) this.tell(tx, hide, NotificationKind.HideAtRisk);

      const spoiled = await tx.execute<SweptHide[]>(
        `update hide h set status = ?, spoiled_at = ?, updated_at = ? from allocated_sacrifice a
          where h.id in (select id from hide where status = ? and preserve_by < ? order by preserve_by limit ${BATCH})
            and h.status = ? and a.sacrifice_id = h.sacrifice_id
          returning h.id, a.site_id as "siteId", h.collected_by as "collectedBy", h.preserve_by as "preserveBy"`,
        [HideStatus.SPOILED, now, now, HideStatus.COLLECTED, now, HideStatus.COLLECTED],
      );
      for (const hide of spoiled) {
        this.tell(tx, hide, NotificationKind.HideSpoiled);
        await audit(tx, 'skin', SYSTEM_ACTOR, {
          action: 'hide.spoiled',
          entityType: 'Hide',
          entityIds: [hide.id],
          before: { status: HideStatus.COLLECTED },
          after: { status: HideStatus.SPOILED, preserveBy: new Date(hide.preserveBy).toISOString() },
        });
      }
      return { alerted: alerted.length, spoiled: spoiled.length };
    });
  }

  /** Ids and times only; the staff's phone or name never goes in an event. */
  private tell(tx: EntityManager, hide: SweptHide, kind: NotificationKind): void {
    if (!hide.collectedBy) return;
    enqueue(tx, Subject.NotificationSend, {
      recipientAccountId: hide.collectedBy,
      kind,
      params: { hideId: hide.id, siteId: hide.siteId, preserveBy: new Date(hide.preserveBy).toISOString() },
    });
  }
}
