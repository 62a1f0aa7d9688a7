import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enqueue, SendStatus, Subject } from '@qurbani/events';
import { Send, SendState } from './send.entity.js';

/** A state of this service as the status others see. */
const STATUS: Readonly<Record<SendState, SendStatus>> = {
  PENDING: SendStatus.QUEUED,
  SENDING: SendStatus.QUEUED,
  SENT: SendStatus.SENT,
  DELIVERED: SendStatus.DELIVERED,
  FAILED: SendStatus.FAILED,
  UNREGISTERED: SendStatus.UNREGISTERED,
  DEAD: SendStatus.DEAD,
};

/** States after which nothing more is sent for a row (a receipt may still move SENT on). */
const FINAL: readonly SendState[] = [SendState.FAILED, SendState.UNREGISTERED, SendState.DEAD];

const FALLS_BACK: readonly string[] = ['PUSH', 'WHATSAPP'];

/** The sends table: claims with leases, and every state change with its `notification.delivery-updated`. */
export class SendRepository {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Claims up to `limit` due sends for `leaseMs`: pending ones whose time has come, and ones another
   * worker claimed but did not finish in time (it died). Each claim counts an attempt.
   */
  async claim(limit: number, leaseMs: number): Promise<Send[]> {
    const em = this.orm.em.fork();
    const rows: { id: string }[] = await em.execute(
      `update send set state = 'SENDING', lease_until = now() + (? * interval '1 millisecond'),
              attempts = attempts + 1, updated_at = now()
        where id in (select id from send
                      where (state = 'PENDING' and due_at <= now()) or (state = 'SENDING' and lease_until < now())
                      order by due_at limit ? for update skip locked)
        returning id`,
      [leaseMs, limit],
    );
    if (!rows.length) return [];
    return em.find(Send, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { dueAt: 'asc' } });
  }

  /** Extends the lease of a send this worker still holds (same attempt), while its provider call runs. */
  async renew(send: Send, leaseMs: number): Promise<void> {
    await this.orm.em.fork().execute(
      `update send set lease_until = now() + (? * interval '1 millisecond')
          where id = ? and state = 'SENDING' and attempts = ?`,
      [leaseMs, send.id, send.attempts],
    );
  }

  /**
   * Moves a send this worker holds (same attempt, still SENDING) to `state`, announces it, and runs
   * `also` in the same transaction. False when the lease was lost meanwhile: another worker owns it.
   */
  async finish(
    send: Send,
    state: SendState,
    changes: Partial<Pick<Send, 'dueAt' | 'detail' | 'provider' | 'providerMessageId' | 'sentAt'>>,
    also?: (em: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      // The sealed contact stays while a receipt may still ask for a fallback (push, WhatsApp).
      const final = FINAL.includes(state) || (state === SendState.SENT && !FALLS_BACK.includes(send.channel));
      const n = await em.nativeUpdate(
        Send,
        { id: send.id, state: SendState.SENDING, attempts: send.attempts },
        { state, leaseUntil: null, updatedAt: new Date(), ...(final ? { sealed: null } : {}), ...changes },
      );
      if (!n) return false;
      Object.assign(send, { state, ...changes });
      // A retry is still QUEUED to the outside: nothing to tell.
      if (state !== SendState.PENDING) announce(em, send, changes.detail ?? undefined);
      await also?.(em);
      return true;
    });
  }

  /**
   * A provider's receipt for a sent message: SENT → DELIVERED / FAILED / UNREGISTERED. `early` when the
   * send is not recorded SENT yet (a receipt can beat the commit of the provider's own answer).
   */
  async receipt(
    provider: string,
    providerMessageId: string,
    state: SendState,
    detail: string | null,
    also?: (em: EntityManager, send: Send) => Promise<void>,
  ): Promise<'applied' | 'early' | 'ignored'> {
    return this.orm.em.fork().transactional(async (em) => {
      const send = await em.findOne(Send, { provider, providerMessageId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!send) return 'early';
      // Receipts come in any order and more than once: only forward moves from SENT count.
      if (send.state !== SendState.SENT || state === SendState.SENT) return 'ignored';
      Object.assign(send, { state, detail, updatedAt: new Date() });
      announce(em, send, detail ?? undefined);
      await also?.(em, send);
      send.sealed = null;
      return 'applied';
    });
  }
}

/** Tells the donor subgraph (send log) and anyone following: ids, channel, status, never the address. */
export function announce(em: EntityManager, send: Send, detail?: string): void {
  enqueue(em, Subject.NotificationDeliveryUpdated, {
    eventId: send.eventId,
    ...(send.notificationId ? { notificationId: send.notificationId } : {}),
    recipient: { kind: send.recipientKind, id: send.recipientId },
    channel: send.channel,
    status: STATUS[send.state as SendState],
    ...(detail ? { detail } : {}),
    ...(send.state === SendState.UNREGISTERED && send.pushDeviceId ? { pushDeviceId: send.pushDeviceId } : {}),
    at: new Date().toISOString(),
  });
}
