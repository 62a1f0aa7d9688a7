import { assertId, ConnectionType, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { Notification } from './notification.entity.js';
import { deliveriesByNotificationId } from './notification.loaders.js';
import { notificationFilter, undeliveredFilter } from './notification.policy.js';
import type { NotificationService } from './notification.service.js';
import { NotificationParam } from './notification.types.js';

const NotificationConnection = ConnectionType('Notification', Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'Your in-app notifications, newest first.' })
  @Authorized()
  myNotifications(
    @Args() page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.notifications.feed(ctx.em, notificationFilter(ctx.viewer), page, unreadOnly ?? false);
  }

  @Query(() => Notification, {
    description: 'One of your notifications (what `notificationAdded` subscriptions resolve).',
  })
  @Authorized()
  notification(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Notification> {
    return this.notifications.one(ctx.em, notificationFilter(ctx.viewer), assertId(id));
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many changed.' })
  @Authorized()
  markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: SubgraphContext): Promise<number> {
    return this.notifications.markRead(
      ctx.em,
      notificationFilter(ctx.viewer),
      ids.slice(0, 100).map((id) => assertId(id, 'ids')),
    );
  }

  @Query(() => NotificationConnection, {
    description:
      'Organizers: notifications a channel failed on for good (FAILED, or DEAD after every retry), newest first; replay them with replayNotification.',
  })
  @Authorized(Role.ORGANIZER)
  undeliveredNotifications(@Args() page: PageArgs, @Ctx() ctx: SubgraphContext) {
    return this.notifications.undelivered(ctx.em, undeliveredFilter(ctx.viewer), page);
  }

  @Mutation(() => Notification, {
    description:
      "Organizers: sends a notification's FAILED and DEAD channels again, to the recipient's current addresses; channels that went out are not sent twice.",
  })
  @Authorized(Role.ORGANIZER)
  replayNotification(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Notification> {
    return this.notifications.replay(ctx.em, undeliveredFilter(ctx.viewer), assertId(id));
  }

  @FieldResolver(() => [NotificationParam], {
    description: 'Ids the notification is about (videoId, sacrificeId, attempt...).',
  })
  params(@Root() n: Notification): NotificationParam[] {
    return Object.entries(n.params).map(([key, value]) => ({ key, value }));
  }

  @FieldResolver(() => [NotificationDelivery], {
    description: 'The send log: one entry per channel chosen (and per fallback channel used).',
  })
  deliveries(@Root() n: Notification, @Ctx() ctx: SubgraphContext): Promise<NotificationDelivery[]> {
    return deliveriesByNotificationId(ctx).load(n.id);
  }
}
