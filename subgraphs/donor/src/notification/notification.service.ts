import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueLive, LiveKind, type EventPayloads, type Subject } from '@qurbani/events';
import { type Connection, findPage, notFound, type PageArgs } from '@qurbani/kit';
import { render } from '@qurbani/messages';
import { ContactChannel } from '../donor/donor.enums.js';
import { DeliveryStatus, NotificationDelivery } from './notification-delivery.entity.js';
import type { NotificationRouter } from './notification.dispatch.js';
import { Notification } from './notification.entity.js';

type Send = EventPayloads[typeof Subject.NotificationSend];

/** Keeps the in-app feed and the send log, and hands the other channels to the notifier. */
export class NotificationService {
  constructor(
    private readonly router: NotificationRouter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records one `notification.send` event, at most once per event id: a feed entry in the
   * recipient's language, one send-log row per channel they chose (IN_APP delivered at once, the
   * others QUEUED until the notifier reports), and one `notification.dispatch` for the notifier.
   */
  async record(em: EntityManager, event: Send, eventId: string): Promise<void> {
    const at = this.now();
    const params = Object.fromEntries(Object.entries(event.params ?? {}).map(([k, v]) => [k, String(v)]));
    const route = await this.router.route(em, event.recipientAccountId);
    const inserted = await em
      .createQueryBuilder(Notification)
      .insert({
        id: new Notification().id,
        recipientAccountId: event.recipientAccountId,
        eventId,
        kind: event.kind,
        params,
        text: render(event.kind, route.language, params).text,
        createdAt: at,
      })
      .onConflict('eventId')
      .ignore()
      .execute('run');
    if (inserted.affectedRows === 0) return;
    const notification = await em.findOneOrFail(Notification, { eventId });
    // The feed's subscribers (gateway `notificationAdded`) are told once this commits.
    enqueueLive(em, LiveKind.Notification, event.recipientAccountId, { notificationId: notification.id });
    for (const channel of route.channels) {
      const delivered = channel === ContactChannel.IN_APP;
      em.create(NotificationDelivery, {
        notificationId: notification.id,
        channel,
        status: delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.QUEUED,
        detail: delivered ? null : 'handed to the notifier',
        updatedAt: at,
      });
    }
    await this.router.dispatch(em, notification, route);
    await em.flush();
  }

  /**
   * An organizer's replay of a notification's failed channels: the send-log rows go back to QUEUED
   * and the notifier gets the dispatch again (same event id, so nothing already sent goes twice),
   * with the recipient's current addresses.
   */
  async replay(em: EntityManager, mayReplay: FilterQuery<Notification>, id: string): Promise<Notification> {
    return em.transactional(async (tx) => {
      const notification = await tx.findOne(Notification, { $and: [{ id }, mayReplay] });
      if (!notification) throw notFound('Notification', id);
      notification.replays += 1;
      await tx.nativeUpdate(
        NotificationDelivery,
        { notificationId: id, status: { $in: [DeliveryStatus.FAILED, DeliveryStatus.DEAD] } },
        { status: DeliveryStatus.QUEUED, detail: `replay ${notification.replays}`, updatedAt: this.now() },
      );
      const route = await this.router.route(tx, notification.recipientAccountId);
      await this.router.dispatch(tx, notification, route, notification.replays);
      return notification;
    });
  }

  /** Notifications with a failed channel, newest first (organizers). */
  undelivered(em: EntityManager, filter: FilterQuery<Notification>, args: PageArgs): Promise<Connection<Notification>> {
    return findPage(em, Notification, filter, args, { newestFirst: true, withTotal: true });
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
