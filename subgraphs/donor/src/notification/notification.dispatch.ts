import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, Subject, type MessageLanguage, type NotificationChannel } from '@qurbani/events';
import { sealContact } from '@qurbani/kit';
import { Donor } from '../donor/donor.entity.js';
import { ContactChannel } from '../donor/donor.enums.js';
import type { DonorService } from '../donor/donor.service.js';
import type { Notification } from './notification.entity.js';
import type { PushDeviceService } from './push-device.service.js';

/** Who an account is to the notifier: language, channels, quiet hours, and its addresses. */
export interface Route {
  readonly language: MessageLanguage;
  /** Channels chosen, IN_APP included; an account without a donor profile: IN_APP, and PUSH once it has a device. */
  readonly channels: readonly ContactChannel[];
  readonly quietHours?: { timeZone: string; window: string };
}

/**
 * Routes an account's notifications: this subgraph owns donors' preferences and addresses, so it
 * decides the channels once and hands the notifier one `notification.dispatch` with the addresses
 * sealed (NOTIFY_SEAL_KEY), instead of the notifier reading them from here.
 */
export class NotificationRouter {
  constructor(
    private readonly donors: DonorService,
    private readonly devices: PushDeviceService,
    private readonly sealKey: string,
  ) {}

  async route(em: EntityManager, accountId: string): Promise<Route & { donor: Donor | null }> {
    const donor = await em.findOne(Donor, { id: accountId });
    const hasDevice = (await this.devices.mine(em, accountId)).length > 0;
    const channels = donor?.contactChannels ?? [ContactChannel.IN_APP, ...(hasDevice ? [ContactChannel.PUSH] : [])];
    return {
      donor,
      language: (donor?.language ?? 'EN').toLowerCase() as MessageLanguage,
      channels: [...new Set([ContactChannel.IN_APP, ...channels])],
      ...(donor?.quietHours && donor.timeZone
        ? { quietHours: { timeZone: donor.timeZone, window: donor.quietHours } }
        : {}),
    };
  }

  /** Queues the dispatch in the caller's transaction; nothing when only the in-app feed was chosen. */
  async dispatch(
    em: EntityManager,
    notification: Notification,
    route: Route & { donor: Donor | null },
    replay?: number,
  ): Promise<void> {
    const external = route.channels.filter((c) => c !== ContactChannel.IN_APP);
    if (external.length === 0) return;
    const { donor } = route;
    const phone = donor ? this.donors.phoneOf(donor) : null;
    const email = donor ? this.donors.emailOf(donor) : null;
    const pushDevices = await this.devices.forDispatch(em, notification.recipientAccountId);
    enqueue(em, Subject.NotificationDispatch, {
      eventId: notification.eventId,
      notificationId: notification.id,
      recipient: { kind: 'ACCOUNT', id: notification.recipientAccountId },
      kind: notification.kind as never,
      language: route.language,
      params: notification.params,
      channels: external as NotificationChannel[],
      ...(route.quietHours ? { quietHours: route.quietHours } : {}),
      sealed: sealContact(this.sealKey, {
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        ...(pushDevices.length ? { pushDevices } : {}),
      }),
      ...(replay ? { replay } : {}),
    });
  }
}
