import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind, type EventPayloads, type Subject } from '@qurbani/events';
import { type Connection, findPage, notFound, type PageArgs } from '@qurbani/kit';
import { Donor } from '../donor/donor.entity.js';
import { ContactChannel } from '../donor/donor.enums.js';
import { DeliveryStatus, NotificationDelivery } from './notification-delivery.entity.js';
import { Notification } from './notification.entity.js';
import { notificationText } from './notification.texts.js';

type Send = EventPayloads[typeof Subject.NotificationSend];

/** Keeps the in-app feed and the send log; real SMS/e-mail/WhatsApp/push senders take the QUEUED rows. */
export class NotificationService {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * Records one `notification.send` event, at most once per event id: a feed entry plus one
   * send-log row per channel the recipient chose (in-app only for accounts without a donor profile).
   */
  async record(em: EntityManager, event: Send, eventId: string): Promise<void> {
    const at = this.now();
    const params = Object.fromEntries(Object.entries(event.params ?? {}).map(([k, v]) => [k, String(v)]));
    const inserted = await em
      .createQueryBuilder(Notification)
      .insert({
        id: new Notification().id,
        recipientAccountId: event.recipientAccountId,
        eventId,
        kind: event.kind,
        params,
        text: notificationText(event.kind, params),
        createdAt: at,
      })
      .onConflict('eventId')
      .ignore()
      .execute('run');
    if (inserted.affectedRows === 0) return;
    const notification = await em.findOneOrFail(Notification, { eventId });
    // The feed's subscribers (gateway `notificationAdded`) are told once this commits.
    enqueueLive(em, LiveKind.Notification, event.recipientAccountId, { notificationId: notification.id });
    const donor = await em.findOne(Donor, { id: event.recipientAccountId });
    const channels = new Set([ContactChannel.IN_APP, ...(donor?.contactChannels ?? [])]);
    for (const channel of channels) {
      const delivered = channel === ContactChannel.IN_APP;
      em.create(NotificationDelivery, {
        notificationId: notification.id,
        channel,
        status: delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.QUEUED,
        detail: delivered ? null : `waiting for the ${channel} sender`,
        updatedAt: at,
      });
    }
    await em.flush();
  }

  /** The account's feed, newest first (ids are UUIDv7). */
  async feed(
    em: EntityManager,
    mine: FilterQuery<Notification>,
    args: PageArgs,
    unreadOnly = false,
  ): Promise<Connection<Notification>> {
    return findPage(em, Notification, { $and: [mine, unreadOnly ? { readAt: null } : {}] }, args, {
      newestFirst: true,
      withTotal: true,
    });
  }

  /** One entry of the account's own feed; another account's entry is not found. */
  async one(em: EntityManager, mine: FilterQuery<Notification>, id: string): Promise<Notification> {
    const notification = await em.findOne(Notification, { $and: [{ id }, mine] });
    if (!notification) throw notFound('Notification', id);
    return notification;
  }

  /** Marks the given entries of the account's own feed read; ids of other accounts are ignored. */
  async markRead(em: EntityManager, mine: FilterQuery<Notification>, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return em.nativeUpdate(Notification, { $and: [{ id: { $in: ids }, readAt: null }, mine] }, { readAt: this.now() });
  }
}
